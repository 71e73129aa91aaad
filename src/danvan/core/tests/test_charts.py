"""Charts that cannot mislabel (issue #15): the grouped bars of several counts per unit."""

from __future__ import annotations

from danvan.core import charts


def _series(n: int) -> list[charts.Series]:
    return [
        charts.Series("Đăng ký", [float(i + 1) for i in range(n)]),
        charts.Series("Được công nhận", [float(i % 3) for i in range(n)]),
    ]


def test_grouped_bars_name_every_unit_on_a_horizontal_axis_that_skips_no_label() -> None:
    labels = [f"Tỉnh {i}" for i in range(34)]
    chart = charts.grouped(labels, _series(34), unit="số lượng")
    assert chart.config["data"]["labels"] == labels
    assert chart.config["options"]["indexAxis"] == "y"
    assert chart.config["options"]["scales"]["y"]["ticks"]["autoSkip"] is False
    assert chart.size == "taller"


def test_grouped_bars_beyond_forty_units_show_the_top_and_one_bar_for_the_rest_with_summed_counts() -> None:
    labels = [f"Xã {i}" for i in range(100)]
    chart = charts.grouped(labels, _series(100), unit="số lượng")
    assert chart.config["data"]["labels"][-1] == "Các đơn vị còn lại (80)"
    assert len(chart.config["data"]["labels"]) == charts.TOP + 1
    registered = chart.config["data"]["datasets"][0]["data"]
    assert registered[-1] == sum(range(21, 101))


def test_the_table_beside_a_grouped_chart_holds_the_same_numbers() -> None:
    chart = charts.grouped(["Xã A", "Xã B"], _series(2), unit="số lượng")
    assert chart.header == ["Đơn vị", "Đăng ký", "Được công nhận"]
    assert [row[0] for row in chart.rows] == chart.config["data"]["labels"]
    for i, dataset in enumerate(chart.config["data"]["datasets"]):
        assert [float(row[i + 1]) for row in chart.rows] == [float(x) for x in dataset["data"]]
