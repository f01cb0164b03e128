"""Print preview of a generated PDF report: pages rendered with pypdfium2, drawn onto QPrinter pages.

QtPdf is not part of PySide6-Essentials; pypdfium2 is a much smaller dependency than the Addons wheel.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRectF, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from zwgk_desktop.core.progress import Cancelled, CancelledFn, ProgressFn
from zwgk_desktop.ui.screen_fit import fit_to_screen
from zwgk_desktop.ui.thumbnails import pdf_page_count, render_pdf_page

PRINT_DPI = 150  # sharp enough for text on paper, ~6 MB per A4 page in memory
LOW_DPI = 100  # for long reports, to keep memory bounded
LONG_REPORT_PAGES = 40


def render_pages(pdf_path: Path, progress: ProgressFn, cancelled: CancelledFn) -> list[QImage]:
    """All pages as images (runs in a worker thread: QImage needs no GUI thread)."""
    count = pdf_page_count(pdf_path)
    dpi = PRINT_DPI if count <= LONG_REPORT_PAGES else LOW_DPI
    images: list[QImage] = []
    for index in range(count):
        if cancelled():
            raise Cancelled()
        progress(index, count, QCoreApplication.translate("print_preview", "正在准备第 {0} / {1} 页…")
                 .format(index + 1, count))
        image = render_pdf_page(pdf_path, index, scale=dpi / 72)
        images.append(image.convertToFormat(QImage.Format.Format_RGB888))
    progress(count, count)
    return images


def paint_pages(printer: QPrinter, images: list[QImage]) -> None:
    """Draw each image on its own page, scaled to fit the printable area, centred, aspect kept."""
    painter = QPainter()
    if not painter.begin(printer):
        return
    try:
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        for index, image in enumerate(images):
            if index:
                printer.newPage()
            area = QRectF(painter.viewport())
            size = QSizeF(image.size())
            size.scale(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRectF(area.left() + (area.width() - size.width()) / 2,
                            area.top() + (area.height() - size.height()) / 2, size.width(), size.height())
            painter.drawImage(target, image)
    finally:
        painter.end()


def make_printer(title: str) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(False)
    return printer


class ReportPrintPreview(QPrintPreviewDialog):
    """The platform print preview over pre-rendered report pages."""

    def __init__(self, images: list[QImage], title: str, parent: QWidget | None = None) -> None:
        self.images = images
        self._printer = make_printer(title)
        super().__init__(self._printer, parent)
        self.setObjectName("reportPrintPreview")
        self.setWindowTitle(self.tr("打印预览 - {0}").format(title))
        fit_to_screen(self, 900, 1000)
        self.paintRequested.connect(self._paint)

    def _paint(self, printer: QPrinter) -> None:
        paint_pages(printer, self.images)
