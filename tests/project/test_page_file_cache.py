"""The page cache at a post (elearning.cache.PageFileCache): a directory that stays bounded
although it is culled only once every CULL_EVERY writes."""

from elearning.cache import PageFileCache


def test_the_page_cache_directory_stays_bounded_and_keeps_what_was_just_written(tmp_path):
    cache = PageFileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 50}})
    most = 0
    for n in range(1000):
        cache.set(f"page:{n}", b"<html>" * 10)
        most = max(most, len(list(tmp_path.iterdir())))

    assert most <= 50 + PageFileCache.CULL_EVERY  # never more than one round of writes over
    assert len(list(tmp_path.iterdir())) < 1000  # culled: not every page kept forever
    assert cache.get("page:999") == b"<html>" * 10
