from cc_lint.live import PhotoQuery
from cc_lint.live import planner as p


def q(pid: str, owner: str | None) -> PhotoQuery:
    return PhotoQuery(pid, owner, 4)


def test_groups_fold_alias_case_and_keep_ownerless_apart() -> None:
    groups, ownerless = p.group_by_owner(
        [q("1", "Alice"), q("2", "alice"), q("3", None), q("4", "12345@N01"), q("5", " ")]
    )
    assert [(g.owner, g.photo_ids) for g in groups] == [
        ("Alice", ("1", "2")),
        ("12345@N01", ("4",)),
    ]
    assert ownerless == ("3", "5")


def test_nsid_detection() -> None:
    assert p.is_nsid("79022225@N02")
    assert not p.is_nsid("mhkose")
    assert not p.is_nsid("79022225@n02")


def test_plan_lists_big_owners_and_getinfo_for_small_ones() -> None:
    queries = [q(str(i), "11111@N01") for i in range(5)]  # big NSID owner
    queries += [q("a1", "mhkose"), q("a2", "mhkose"), q("a3", "MHKose")]  # alias, 3 photos
    queries += [q("s1", "22222@N02"), q("s2", "22222@N02")]  # two photos: a "pair"
    queries += [q("t1", "33333@N03"), q("x", None)]
    plan = p.make_plan(queries, min_listing=3)
    assert [g.owner for g in plan.listed] == ["11111@N01"]
    assert [g.owner for g in plan.aliases] == ["mhkose"]
    assert [g.photo_ids for g in plan.pairs] == [("s1", "s2")]
    assert plan.direct == ("t1",)
    assert plan.deferred == ("x",)
    assert plan.estimated_calls() == 1 + 1 + 1 + 1 + 2  # listed, alias, t1, x, the pair


def test_pairs_are_sampled_nsid_owners_just_under_the_threshold() -> None:
    queries = [q("p1", "22222@N02"), q("p2", "22222@N02"), q("a1", "bob"), q("a2", "bob")]
    queries += [q("one", "33333@N03")]
    plan = p.make_plan(queries, min_listing=3)
    assert [g.owner for g in plan.pairs] == ["22222@N02"]
    assert plan.direct == ("a1", "a2", "one")  # aliases would need resolving first: getInfo


def test_probing_pays_only_below_one_call_per_photo() -> None:
    assert p.probing_pays([(1, 2), (1, 2), (3, 2)])  # 5 calls for 6 photos
    assert not p.probing_pays([(3, 2), (1, 2)])  # 4 for 4: a tie goes to getInfo
    assert not p.probing_pays([])


def test_min_listing_is_a_parameter() -> None:
    plan = p.make_plan([q("1", "11111@N01"), q("2", "11111@N01")], min_listing=2)
    assert len(plan.listed) == 1 and not plan.direct


def test_listing_cost_per_owner() -> None:
    assert p.listing_pages(0) == 1
    assert p.listing_pages(500) == 1
    assert p.listing_pages(501) == 2
    # 10 manifest photos of an owner with 1,200 public photos: 3 pages beat 10 getInfo.
    assert p.cheaper_to_list(total=1200, photos=10)
    # 4 manifest photos of an owner with 5,000 public photos: 10 pages lose to 4 getInfo.
    assert not p.cheaper_to_list(total=5000, photos=4)
    # absent photos still need getInfo on top of the pages
    assert p.listing_cost(total=400, photos=3, absent=2) == 3
    assert not p.cheaper_to_list(total=400, photos=3, absent=2)


def test_keep_listing_only_while_cheaper() -> None:
    assert p.keep_listing(pages_left=2, unsettled=3)
    assert not p.keep_listing(pages_left=3, unsettled=3)  # tie: getInfo also tells haspeople
    assert not p.keep_listing(pages_left=0, unsettled=50)  # no pages left
    assert not p.keep_listing(pages_left=5, unsettled=0)  # everything found


def test_discovery_needs_a_repeat_and_enough_left() -> None:
    assert not p.worth_discovering(seen=1, sampled=10, remaining=1000)
    assert p.worth_discovering(seen=2, sampled=32, remaining=100)
    assert not p.worth_discovering(seen=2, sampled=32, remaining=10)


def test_unsettled_after() -> None:
    group = p.OwnerGroup("11111@N01", ("1", "2", "3"))
    assert p.unsettled_after(["2"], group) == ["1", "3"]
