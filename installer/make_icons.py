"""Render resources/icons/pac-desktop.svg into the PNG (Linux desktop entry, window icon) and the Windows ICO.

Run by hand after changing the SVG (the outputs are committed):

    python installer/make_icons.py

Qt's own SVG renderer draws each size, so the small sizes are rendered, not shrunk from the 256 px image;
Pillow (a ReportLab dependency, so always installed) writes the multi-size ICO.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image  # noqa: E402
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SVG = ICONS / "pac-desktop.svg"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - QImage/QPainter need it
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"SVG illisible : {SVG}", file=sys.stderr)
        return 1
    (ICONS / "pac-desktop.png").write_bytes(png_bytes(render(renderer, 256)))
    frames = [Image.open(io.BytesIO(png_bytes(render(renderer, size)))) for size in ICO_SIZES]
    frames[-1].save(
        ICONS / "pac-desktop.ico", format="ICO", sizes=[(s, s) for s in ICO_SIZES], append_images=frames[:-1]
    )
    print(f"écrit : {ICONS / 'pac-desktop.png'}, {ICONS / 'pac-desktop.ico'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
