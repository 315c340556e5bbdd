"""Bar charts drawn on the server as SVG: WeasyPrint runs no JavaScript, and the web page and the
PDF then show the same picture. Each chart's figures are also printed as a table beside it."""

from decimal import Decimal, InvalidOperation

from django.utils.html import escape

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 150
BAR_WIDTH = 360
VALUE_WIDTH = 70
PALETTE = ("#2b6cb0", "#2f855a")


def bar_chart(title: str, rows: list[tuple[str, str]], unit: str, *, colour: int = 0) -> str:
    """Horizontal bars for (label, value) rows on a 0–100 scale (longer values are drawn to the
    edge and printed as they are); rows without a number are left out of the picture."""
    bars = []
    for label, raw in rows:
        try:
            value = Decimal(raw)
        except (InvalidOperation, TypeError):
            continue
        bars.append((label, value))
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    height = GAP + max(len(bars), 1) * (BAR_HEIGHT + GAP) + 24
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    if not bars:
        parts.append(f'<text x="0" y="{GAP + 14}" font-size="12">그릴 수치 없음</text>')
    for index, (label, value) in enumerate(bars):
        y = GAP + index * (BAR_HEIGHT + GAP)
        length = int(BAR_WIDTH * min(max(value, Decimal(0)), Decimal(100)) / 100)
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 15}" font-size="12" text-anchor="end">'
            f"{escape(label)}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length}" height="{BAR_HEIGHT}" '
            f'fill="{PALETTE[colour % len(PALETTE)]}"/>'
            f'<text x="{LABEL_WIDTH + length + 4}" y="{y + 15}" font-size="12">'
            f"{value}{escape(unit)}</text>"
        )
    axis_y = height - 16
    parts.append(
        f'<line x1="{LABEL_WIDTH}" y1="{axis_y}" x2="{LABEL_WIDTH + BAR_WIDTH}" y2="{axis_y}" '
        'stroke="#555"/>'
        f'<text x="{LABEL_WIDTH}" y="{axis_y + 13}" font-size="10">0{escape(unit)}</text>'
        f'<text x="{LABEL_WIDTH + BAR_WIDTH}" y="{axis_y + 13}" font-size="10" '
        f'text-anchor="end">100{escape(unit)}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)


def report_charts(data: dict) -> dict:
    """The report's two charts: achievement share by body and execution rate by source."""
    return {
        "achievement": bar_chart(
            "기관별 달성 비율(%, DREAM 계산)",
            [(row["body"], row["share_value"]) for row in data["achievement"]["bodies"]],
            "%",
        ),
        "execution": bar_chart(
            "재원별 집행률(%, DREAM 계산)",
            [(row["source"], row["rate_value"]) for row in data["execution"]["national"]],
            "%",
            colour=1,
        ),
    }
