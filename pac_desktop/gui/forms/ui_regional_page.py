# generated from ui/regional_page.ui — do not edit, run python -m pac_desktop.gui.build_forms
# ruff: noqa

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QPushButton, QSizePolicy,
    QSpacerItem, QTableView, QVBoxLayout, QWidget)

class Ui_RegionalPage(object):
    def setupUi(self, RegionalPage):
        if not RegionalPage.objectName():
            RegionalPage.setObjectName(u"RegionalPage")
        self.page_layout = QVBoxLayout(RegionalPage)
        self.page_layout.setSpacing(12)
        self.page_layout.setObjectName(u"page_layout")
        self.page_layout.setContentsMargins(24, 20, 24, 20)
        self.title_layout = QHBoxLayout()
        self.title_layout.setObjectName(u"title_layout")
        self.title_label = QLabel(RegionalPage)
        self.title_label.setObjectName(u"title_label")

        self.title_layout.addWidget(self.title_label)

        self.title_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.title_layout.addItem(self.title_spacer)

        self.csv_button = QPushButton(RegionalPage)
        self.csv_button.setObjectName(u"csv_button")

        self.title_layout.addWidget(self.csv_button)

        self.pdf_button = QPushButton(RegionalPage)
        self.pdf_button.setObjectName(u"pdf_button")

        self.title_layout.addWidget(self.pdf_button)


        self.page_layout.addLayout(self.title_layout)

        self.intro_label = QLabel(RegionalPage)
        self.intro_label.setObjectName(u"intro_label")
        self.intro_label.setWordWrap(True)

        self.page_layout.addWidget(self.intro_label)

        self.period_layout = QHBoxLayout()
        self.period_layout.setObjectName(u"period_layout")
        self.from_label = QLabel(RegionalPage)
        self.from_label.setObjectName(u"from_label")

        self.period_layout.addWidget(self.from_label)

        self.from_edit = QLineEdit(RegionalPage)
        self.from_edit.setObjectName(u"from_edit")
        self.from_edit.setMaximumSize(QSize(130, 16777215))

        self.period_layout.addWidget(self.from_edit)

        self.to_label = QLabel(RegionalPage)
        self.to_label.setObjectName(u"to_label")

        self.period_layout.addWidget(self.to_label)

        self.to_edit = QLineEdit(RegionalPage)
        self.to_edit.setObjectName(u"to_edit")
        self.to_edit.setMaximumSize(QSize(130, 16777215))

        self.period_layout.addWidget(self.to_edit)

        self.refresh_button = QPushButton(RegionalPage)
        self.refresh_button.setObjectName(u"refresh_button")

        self.period_layout.addWidget(self.refresh_button)

        self.period_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.period_layout.addItem(self.period_spacer)


        self.page_layout.addLayout(self.period_layout)

        self.figures_label = QLabel(RegionalPage)
        self.figures_label.setObjectName(u"figures_label")
        self.figures_label.setWordWrap(True)

        self.page_layout.addWidget(self.figures_label)

        self.lines_view = QTableView(RegionalPage)
        self.lines_view.setObjectName(u"lines_view")
        self.lines_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.lines_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.lines_view.setAlternatingRowColors(True)
        self.lines_view.setWordWrap(False)

        self.page_layout.addWidget(self.lines_view)

        self.status_label = QLabel(RegionalPage)
        self.status_label.setObjectName(u"status_label")
        self.status_label.setWordWrap(True)

        self.page_layout.addWidget(self.status_label)

#if QT_CONFIG(shortcut)
        self.from_label.setBuddy(self.from_edit)
        self.to_label.setBuddy(self.to_edit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(RegionalPage)

        QMetaObject.connectSlotsByName(RegionalPage)
    # setupUi

    def retranslateUi(self, RegionalPage):
        RegionalPage.setWindowTitle(QCoreApplication.translate("RegionalPage", u"Indicateurs des territoires", None))
        self.title_label.setText(QCoreApplication.translate("RegionalPage", u"Indicateurs des territoires", None))
        self.title_label.setProperty(u"role", QCoreApplication.translate("RegionalPage", u"title", None))
        self.csv_button.setText(QCoreApplication.translate("RegionalPage", u"Exporter en &CSV\u2026", None))
        self.pdf_button.setText(QCoreApplication.translate("RegionalPage", u"Enregistrer en &PDF\u2026", None))
        self.intro_label.setText(QCoreApplication.translate("RegionalPage", u"Les indicateurs de chaque territoire c\u00f4te \u00e0 c\u00f4te, pour le comit\u00e9 de pilotage r\u00e9gional : des effectifs, jamais un nom ni un dossier. Un effectif de 1 \u00e0 4 est not\u00e9 \u00ab < 5 \u00bb.", None))
        self.intro_label.setProperty(u"role", QCoreApplication.translate("RegionalPage", u"muted", None))
        self.from_label.setText(QCoreApplication.translate("RegionalPage", u"&Du", None))
        self.from_edit.setPlaceholderText(QCoreApplication.translate("RegionalPage", u"JJ/MM/AAAA", None))
        self.to_label.setText(QCoreApplication.translate("RegionalPage", u"a&u", None))
        self.to_edit.setPlaceholderText(QCoreApplication.translate("RegionalPage", u"JJ/MM/AAAA", None))
        self.refresh_button.setText(QCoreApplication.translate("RegionalPage", u"&Afficher", None))
        self.figures_label.setText(QCoreApplication.translate("RegionalPage", u"Chargement\u2026", None))
        self.status_label.setText("")
    # retranslateUi
