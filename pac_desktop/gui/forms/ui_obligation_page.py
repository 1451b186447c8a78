# generated from ui/casefile/obligation_page.ui — do not edit, run python -m pac_desktop.gui.build_forms
# ruff: noqa

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QHBoxLayout, QHeaderView,
    QLabel, QPushButton, QSizePolicy, QSpacerItem,
    QTableView, QVBoxLayout, QWidget)

class Ui_ObligationPage(object):
    def setupUi(self, ObligationPage):
        if not ObligationPage.objectName():
            ObligationPage.setObjectName(u"ObligationPage")
        self.page_layout = QVBoxLayout(ObligationPage)
        self.page_layout.setSpacing(12)
        self.page_layout.setObjectName(u"page_layout")
        self.page_layout.setContentsMargins(24, 20, 24, 20)
        self.title_layout = QHBoxLayout()
        self.title_layout.setObjectName(u"title_layout")
        self.title_label = QLabel(ObligationPage)
        self.title_label.setObjectName(u"title_label")

        self.title_layout.addWidget(self.title_label)

        self.title_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.title_layout.addItem(self.title_spacer)

        self.csv_button = QPushButton(ObligationPage)
        self.csv_button.setObjectName(u"csv_button")

        self.title_layout.addWidget(self.csv_button)

        self.pdf_button = QPushButton(ObligationPage)
        self.pdf_button.setObjectName(u"pdf_button")

        self.title_layout.addWidget(self.pdf_button)


        self.page_layout.addLayout(self.title_layout)

        self.intro_label = QLabel(ObligationPage)
        self.intro_label.setObjectName(u"intro_label")
        self.intro_label.setWordWrap(True)

        self.page_layout.addWidget(self.intro_label)

        self.figures_label = QLabel(ObligationPage)
        self.figures_label.setObjectName(u"figures_label")
        self.figures_label.setWordWrap(True)

        self.page_layout.addWidget(self.figures_label)

        self.lines_view = QTableView(ObligationPage)
        self.lines_view.setObjectName(u"lines_view")
        self.lines_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.lines_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.lines_view.setAlternatingRowColors(True)
        self.lines_view.setWordWrap(False)
        self.lines_view.verticalHeader().setVisible(False)

        self.page_layout.addWidget(self.lines_view)

        self.status_label = QLabel(ObligationPage)
        self.status_label.setObjectName(u"status_label")
        self.status_label.setWordWrap(True)

        self.page_layout.addWidget(self.status_label)


        self.retranslateUi(ObligationPage)

        QMetaObject.connectSlotsByName(ObligationPage)
    # setupUi

    def retranslateUi(self, ObligationPage):
        ObligationPage.setWindowTitle(QCoreApplication.translate("ObligationPage", u"Obligation de formation", None))
        self.title_label.setText(QCoreApplication.translate("ObligationPage", u"Mineurs sans solution", None))
        self.title_label.setProperty(u"role", QCoreApplication.translate("ObligationPage", u"title", None))
        self.csv_button.setText(QCoreApplication.translate("ObligationPage", u"Exporter en &CSV\u2026", None))
        self.pdf_button.setText(QCoreApplication.translate("ObligationPage", u"Enregistrer en &PDF\u2026", None))
        self.intro_label.setText(QCoreApplication.translate("ObligationPage", u"Les jeunes de 16 et 17 ans du territoire sans solution au regard de l'obligation de formation, pour le suivi par la Mission Locale. D'abord les situations confirm\u00e9es par un conseiller, puis celles \u00ab\u00a0\u00c0 confirmer\u00a0\u00bb (aucune situation not\u00e9e, le dossier indique une absence de solution) ; dans chaque groupe, le plus ancien sans solution en premier.", None))
        self.intro_label.setProperty(u"role", QCoreApplication.translate("ObligationPage", u"muted", None))
        self.figures_label.setText(QCoreApplication.translate("ObligationPage", u"Chargement\u2026", None))
        self.status_label.setText("")
    # retranslateUi
