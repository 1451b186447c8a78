# generated from ui/documents/pdf_preview_dialog.ui — do not edit, run python -m pac_desktop.gui.build_forms
# ruff: noqa

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QDialog, QHBoxLayout, QLabel,
    QProgressBar, QPushButton, QScrollArea, QSizePolicy,
    QSpacerItem, QToolButton, QVBoxLayout, QWidget)

class Ui_PdfPreviewDialog(object):
    def setupUi(self, PdfPreviewDialog):
        if not PdfPreviewDialog.objectName():
            PdfPreviewDialog.setObjectName(u"PdfPreviewDialog")
        PdfPreviewDialog.resize(900, 860)
        self.dialog_layout = QVBoxLayout(PdfPreviewDialog)
        self.dialog_layout.setObjectName(u"dialog_layout")
        self.toolbar_layout = QHBoxLayout()
        self.toolbar_layout.setObjectName(u"toolbar_layout")
        self.title_label = QLabel(PdfPreviewDialog)
        self.title_label.setObjectName(u"title_label")

        self.toolbar_layout.addWidget(self.title_label)

        self.toolbar_spacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.toolbar_layout.addItem(self.toolbar_spacer)

        self.page_label = QLabel(PdfPreviewDialog)
        self.page_label.setObjectName(u"page_label")

        self.toolbar_layout.addWidget(self.page_label)

        self.zoom_out_button = QToolButton(PdfPreviewDialog)
        self.zoom_out_button.setObjectName(u"zoom_out_button")

        self.toolbar_layout.addWidget(self.zoom_out_button)

        self.zoom_in_button = QToolButton(PdfPreviewDialog)
        self.zoom_in_button.setObjectName(u"zoom_in_button")

        self.toolbar_layout.addWidget(self.zoom_in_button)

        self.save_button = QPushButton(PdfPreviewDialog)
        self.save_button.setObjectName(u"save_button")

        self.toolbar_layout.addWidget(self.save_button)

        self.print_button = QPushButton(PdfPreviewDialog)
        self.print_button.setObjectName(u"print_button")

        self.toolbar_layout.addWidget(self.print_button)


        self.dialog_layout.addLayout(self.toolbar_layout)

        self.pages_area = QScrollArea(PdfPreviewDialog)
        self.pages_area.setObjectName(u"pages_area")
        self.pages_area.setWidgetResizable(True)
        self.pages_area.setAlignment(Qt.AlignmentFlag.AlignHCenter|Qt.AlignmentFlag.AlignTop)
        self.pages_widget = QWidget()
        self.pages_widget.setObjectName(u"pages_widget")
        self.pages_layout = QVBoxLayout(self.pages_widget)
        self.pages_layout.setSpacing(14)
        self.pages_layout.setObjectName(u"pages_layout")
        self.pages_area.setWidget(self.pages_widget)

        self.dialog_layout.addWidget(self.pages_area)

        self.status_layout = QHBoxLayout()
        self.status_layout.setObjectName(u"status_layout")
        self.status_label = QLabel(PdfPreviewDialog)
        self.status_label.setObjectName(u"status_label")
        self.status_label.setWordWrap(True)

        self.status_layout.addWidget(self.status_label)

        self.print_progress = QProgressBar(PdfPreviewDialog)
        self.print_progress.setObjectName(u"print_progress")
        self.print_progress.setVisible(False)

        self.status_layout.addWidget(self.print_progress)

        self.close_button = QPushButton(PdfPreviewDialog)
        self.close_button.setObjectName(u"close_button")

        self.status_layout.addWidget(self.close_button)


        self.dialog_layout.addLayout(self.status_layout)


        self.retranslateUi(PdfPreviewDialog)

        self.print_button.setDefault(True)


        QMetaObject.connectSlotsByName(PdfPreviewDialog)
    # setupUi

    def retranslateUi(self, PdfPreviewDialog):
        PdfPreviewDialog.setWindowTitle(QCoreApplication.translate("PdfPreviewDialog", u"Aper\u00e7u avant impression", None))
        self.title_label.setText(QCoreApplication.translate("PdfPreviewDialog", u"Document", None))
        self.page_label.setText(QCoreApplication.translate("PdfPreviewDialog", u"Page 1 sur 1", None))
#if QT_CONFIG(tooltip)
        self.zoom_out_button.setToolTip(QCoreApplication.translate("PdfPreviewDialog", u"R\u00e9duire (Ctrl \u2212)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.zoom_out_button.setAccessibleName(QCoreApplication.translate("PdfPreviewDialog", u"R\u00e9duire l'aper\u00e7u", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.zoom_in_button.setToolTip(QCoreApplication.translate("PdfPreviewDialog", u"Agrandir (Ctrl +)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.zoom_in_button.setAccessibleName(QCoreApplication.translate("PdfPreviewDialog", u"Agrandir l'aper\u00e7u", None))
#endif // QT_CONFIG(accessibility)
        self.save_button.setText(QCoreApplication.translate("PdfPreviewDialog", u"Enregistrer en PDF\u2026", None))
        self.print_button.setText(QCoreApplication.translate("PdfPreviewDialog", u"Imprimer\u2026", None))
        self.status_label.setText("")
        self.print_progress.setFormat(QCoreApplication.translate("PdfPreviewDialog", u"%p %", None))
        self.close_button.setText(QCoreApplication.translate("PdfPreviewDialog", u"Fermer", None))
    # retranslateUi
