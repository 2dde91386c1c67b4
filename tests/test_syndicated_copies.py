"""A syndicated copy: the same article under two URLs, through two feeds. Stored twice (each
URL is a document of its own), counted once: one point of the series, no finding between
the copies."""

from __future__ import annotations

import json

from tests.feed_server import Reply, feed_server_fixture, rss  # noqa: F401

TEXT = "Foro Penal said at least 777 political prisoners remain in custody in Venezuela."


def test_the_same_text_under_two_urls_is_one_point_of_the_series(
    feed_server, tmp_path, run_cli
) -> None:
    for name in ("wire", "paper"):
        item = {"guid": f"{name}-1", "title": "Foro Penal count",
                "link": feed_server.url(f"/{name}/story.html"), "description": TEXT}  # fmt: skip
        feed_server.routes[f"/{name}.xml"] = Reply(200, rss([item]))
    config = tmp_path / "feeds.yaml"
    config.write_text(
        "sources:\n"
        f"  - name: Wire\n    url: {feed_server.url('/wire.xml')}\n"
        f"  - name: Paper\n    url: {feed_server.url('/paper.xml')}\n"
        "topic:\n  terms: [political prisoners]\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "t.db")
    assert run_cli("--db", db, "--config", str(config), "ingest").returncode == 0
    figures = json.loads(run_cli("--db", db, "figures", "--json").stdout)
    assert sorted(f["source"].split("/")[-2] for f in figures if f["value"] == 777) == [
        "paper", "wire",
    ]  # fmt: skip
    series = json.loads(run_cli("--db", db, "series", "--json").stdout)
    points = [p for s in series for p in s["points"] if p["value"] == 777]
    assert len(points) == 1 and len(points[0]["figures"]) == 2
    findings = json.loads(run_cli("--db", db, "findings", "--json").stdout)
    ids = {f["id"] for f in figures if f["value"] == 777}
    assert not [f for f in findings if set(f["figures"]) >= ids]
