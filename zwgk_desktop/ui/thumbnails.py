"""Evidence thumbnails: scaled images, the first page of PDFs (pypdfium2), badges for everything else.

Thumbnails are cached by SHA-256 in memory and, when a folder is given, as PNG files on disk, so a PDF is
rendered once per content no matter how many items it proves.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QImage, QImageReader, QPainter, QPainterPath, QPen, QPixmap

from zwgk_desktop.core.presenters.evidence_view import badge_text, file_kind
from zwgk_desktop.core.store.evidence import EvidenceInfo

log = logging.getLogger(__name__)

THUMB_SIZE = 64
_BADGE_COLORS = {"link": "#1a73e8", "text": "#7b1fa2", "PDF": "#d93025", "DOC": "#1967d2", "DOCX": "#1967d2",
                 "XLS": "#188038", "XLSX": "#188038", "ODS": "#188038", "CSV": "#188038", "PPT": "#e8710a",
                 "PPTX": "#e8710a", "ZIP": "#5f6368", "RAR": "#5f6368", "OFD": "#c5221f"}


def pdf_page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def render_pdf_page(path: Path, index: int = 0, *, scale: float | None = None, fit: int | None = None) -> QImage:
    """Render one page to a QImage: at ``scale`` (1 = 72 dpi) or fitted into ``fit`` pixels."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        page = pdf[index]
        try:
            if scale is None:
                width, height = page.get_size()
                scale = (fit or THUMB_SIZE) / max(width, height, 1)
            bitmap = page.render(scale=scale, rev_byteorder=True, prefer_bgrx=True)
            try:
                fmt = {"RGBX": QImage.Format.Format_RGBX8888, "RGBA": QImage.Format.Format_RGBA8888,
                       "RGB": QImage.Format.Format_RGB888, "L": QImage.Format.Format_Grayscale8}[bitmap.mode]
                data = bytes(bitmap.buffer)
                image = QImage(data, bitmap.width, bitmap.height, bitmap.stride, fmt).copy()
            finally:
                bitmap.close()
        finally:
            page.close()
    finally:
        pdf.close()
    return image


def read_scaled_image(path: Path, size: int) -> QImage:
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    original = reader.size()
    if original.isValid() and (original.width() > size or original.height() > size):
        reader.setScaledSize(original.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        return image
    if image.width() > size or image.height() > size:  # formats without scaled reading
        image = image.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    return image


def badge_pixmap(text: str, size: int = THUMB_SIZE, color: str | None = None) -> QPixmap:
    """A page-shaped icon with a coloured band and a short label (PDF, DOCX, 链接, 说明…)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    w = size * 0.72
    rect = QRectF((size - w) / 2, size * 0.06, w, size * 0.88)
    fold = size * 0.18
    path = QPainterPath()
    path.moveTo(rect.left(), rect.top())
    path.lineTo(rect.right() - fold, rect.top())
    path.lineTo(rect.right(), rect.top() + fold)
    path.lineTo(rect.right(), rect.bottom())
    path.lineTo(rect.left(), rect.bottom())
    path.closeSubpath()
    painter.setPen(QPen(QColor("#c4c7c5"), 1))
    painter.setBrush(QColor("#ffffff"))
    painter.drawPath(path)
    band = QRectF(rect.left() - size * 0.06, rect.top() + rect.height() * 0.52, rect.width() + size * 0.12,
                  rect.height() * 0.3)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(color or _BADGE_COLORS.get(text, "#5f6368")))
    painter.drawRoundedRect(band, 3, 3)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(max(8, int(band.height() * (0.62 if len(text) <= 3 else 0.5))))
    painter.setFont(font)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(band, Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return pixmap


def _framed(image: QImage, size: int) -> QPixmap:
    """The thumbnail centred on a square transparent canvas with a thin border."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    x = (size - image.width()) / 2
    y = (size - image.height()) / 2
    painter.drawImage(int(x), int(y), image)
    painter.setPen(QPen(QColor("#c4c7c5"), 1))
    painter.drawRect(QRectF(x, y, image.width() - 1, image.height() - 1))
    painter.end()
    return pixmap


class ThumbnailCache:
    """Icons for evidence, cached by (sha256, size); ``folder`` keeps rendered thumbnails across runs."""

    def __init__(self, folder: Path | None = None, size: int = THUMB_SIZE) -> None:
        self.folder = folder
        self.size = size
        self._memory: dict[str, QIcon] = {}

    def icon(self, info: EvidenceInfo) -> QIcon:
        kind = file_kind(info)
        if kind in ("image", "pdf") and info.sha256 and info.path is not None:
            key = f"{info.sha256}-{self.size}"
            cached = self._memory.get(key)
            if cached is not None:
                return cached
            image = self._thumbnail(info.path, kind, key)
            if not image.isNull():
                icon = QIcon(_framed(image, self.size))
                self._memory[key] = icon
                return icon
        text = badge_text(info)
        key = f"badge-{text}-{info.kind}-{self.size}"
        if key not in self._memory:
            self._memory[key] = QIcon(badge_pixmap(text, self.size, _BADGE_COLORS.get(info.kind)))
        return self._memory[key]

    def _thumbnail(self, path: Path, kind: str, key: str) -> QImage:
        disk = self.folder / f"{key}.png" if self.folder is not None else None
        if disk is not None and disk.is_file():
            image = QImage(str(disk))
            if not image.isNull():
                return image
        inner = self.size - 2
        try:
            image = read_scaled_image(path, inner) if kind == "image" else render_pdf_page(path, 0, fit=inner)
        except Exception as exc:  # noqa: BLE001 - a broken file gets a badge, not a crash
            log.info("no thumbnail for %s: %s", path, exc)
            return QImage()
        if disk is not None and not image.isNull():
            try:
                disk.parent.mkdir(parents=True, exist_ok=True)
                image.save(str(disk), "PNG")
            except OSError:
                pass
        return image

    def clear(self) -> None:
        self._memory.clear()


def icon_size() -> QSize:
    return QSize(THUMB_SIZE, THUMB_SIZE)
