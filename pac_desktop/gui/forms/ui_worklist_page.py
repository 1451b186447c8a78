# generated from ui/reperage/worklist_page.ui — do not edit, run python -m pac_desktop.gui.build_forms
# ruff: noqa

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCheckBox, QComboBox,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QPushButton, QSizePolicy, QSpacerItem, QTableView,
    QVBoxLayout, QWidget)

class Ui_WorklistPage(object):
    def setupUi(self, WorklistPage):
        if not WorklistPage.objectName():
            WorklistPage.setObjectName(u"WorklistPage")
        self.page_layout = QVBoxLayout(WorklistPage)
        self.page_layout.setSpacing(12)
        self.page_layout.setObjectName(u"page_layout")
        self.page_layout.setContentsMargins(24, 20, 24, 20)
        self.title_layout = QHBoxLayout()
        self.title_layout.setObjectName(u"title_layout")
        self.title_label = QLabel(WorklistPage)
        self.title_label.setObjectName(u"title_label")

        self.title_layout.addWidget(self.title_label)

        self.title_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.title_layout.addItem(self.title_spacer)

        self.refuse_button = QPushButton(WorklistPage)
        self.refuse_button.setObjectName(u"refuse_button")

        self.title_layout.addWidget(self.refuse_button)

        self.take_charge_button = QPushButton(WorklistPage)
        self.take_charge_button.setObjectName(u"take_charge_button")

        self.title_layout.addWidget(self.take_charge_button)

        self.record_button = QPushButton(WorklistPage)
        self.record_button.setObjectName(u"record_button")

        self.title_layout.addWidget(self.record_button)


        self.page_layout.addLayout(self.title_layout)

        self.filter_layout = QHBoxLayout()
        self.filter_layout.setObjectName(u"filter_layout")
        self.search_edit = QLineEdit(WorklistPage)
        self.search_edit.setObjectName(u"search_edit")
        self.search_edit.setClearButtonEnabled(True)

        self.filter_layout.addWidget(self.search_edit)

        self.mine_check = QCheckBox(WorklistPage)
        self.mine_check.setObjectName(u"mine_check")

        self.filter_layout.addWidget(self.mine_check)

        self.overdue_check = QCheckBox(WorklistPage)
        self.overdue_check.setObjectName(u"overdue_check")

        self.filter_layout.addWidget(self.overdue_check)

        self.state_combo = QComboBox(WorklistPage)
        self.state_combo.setObjectName(u"state_combo")

        self.filter_layout.addWidget(self.state_combo)


        self.page_layout.addLayout(self.filter_layout)

        self.lines_view = QTableView(WorklistPage)
        self.lines_view.setObjectName(u"lines_view")
        self.lines_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.lines_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.lines_view.setAlternatingRowColors(True)
        self.lines_view.setSortingEnabled(False)
        self.lines_view.setWordWrap(False)
        self.lines_view.verticalHeader().setVisible(False)

        self.page_layout.addWidget(self.lines_view)

        self.status_layout = QHBoxLayout()
        self.status_layout.setObjectName(u"status_layout")
        self.status_label = QLabel(WorklistPage)
        self.status_label.setObjectName(u"status_label")
        self.status_label.setWordWrap(True)
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.status_label.sizePolicy().hasHeightForWidth())
        self.status_label.setSizePolicy(sizePolicy)

        self.status_layout.addWidget(self.status_label)

        self.import_button = QPushButton(WorklistPage)
        self.import_button.setObjectName(u"import_button")

        self.status_layout.addWidget(self.import_button)


        self.page_layout.addLayout(self.status_layout)


        self.retranslateUi(WorklistPage)

        QMetaObject.connectSlotsByName(WorklistPage)
    # setupUi

    def retranslateUi(self, WorklistPage):
        WorklistPage.setWindowTitle(QCoreApplication.translate("WorklistPage", u"Rep\u00e9rage", None))
        self.title_label.setText(QCoreApplication.translate("WorklistPage", u"Jeunes \u00e0 contacter", None))
        self.title_label.setProperty(u"role", QCoreApplication.translate("WorklistPage", u"title", None))
        self.refuse_button.setText(QCoreApplication.translate("WorklistPage", u"Ne souhaite &plus \u00eatre contact\u00e9\u00b7e", None))
        self.take_charge_button.setText(QCoreApplication.translate("WorklistPage", u"Je m'en &charge", None))
        self.record_button.setText(QCoreApplication.translate("WorklistPage", u"&Noter une prise de contact\u2026", None))
        self.search_edit.setPlaceholderText(QCoreApplication.translate("WorklistPage", u"Rechercher : nom, pr\u00e9nom, commune, date de naissance", None))
        self.mine_check.setText(QCoreApplication.translate("WorklistPage", u"\u00c0 &moi", None))
        self.overdue_check.setText(QCoreApplication.translate("WorklistPage", u"Action en &retard", None))
        self.status_label.setText("")
        self.import_button.setText(QCoreApplication.translate("WorklistPage", u"&Importer une liste\u2026", None))
#if QT_CONFIG(tooltip)
        self.import_button.setToolTip(QCoreApplication.translate("WorklistPage", u"Importer une liste de jeunes \u00e0 contacter (CSV ou Excel) : plateforme de d\u00e9crochage, SIEI\u2026", None))
#endif // QT_CONFIG(tooltip)
    # retranslateUi
