# generated from ui/casefile/youth_list_page.ui — do not edit, run python -m pac_desktop.gui.build_forms
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
    QPushButton, QSizePolicy, QSpacerItem, QSpinBox,
    QTableView, QVBoxLayout, QWidget)

class Ui_YouthListPage(object):
    def setupUi(self, YouthListPage):
        if not YouthListPage.objectName():
            YouthListPage.setObjectName(u"YouthListPage")
        self.page_layout = QVBoxLayout(YouthListPage)
        self.page_layout.setSpacing(12)
        self.page_layout.setObjectName(u"page_layout")
        self.page_layout.setContentsMargins(24, 20, 24, 20)
        self.title_layout = QHBoxLayout()
        self.title_layout.setObjectName(u"title_layout")
        self.title_label = QLabel(YouthListPage)
        self.title_label.setObjectName(u"title_label")

        self.title_layout.addWidget(self.title_label)

        self.title_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.title_layout.addItem(self.title_spacer)

        self.count_label = QLabel(YouthListPage)
        self.count_label.setObjectName(u"count_label")

        self.title_layout.addWidget(self.count_label)


        self.page_layout.addLayout(self.title_layout)

        self.search_layout = QHBoxLayout()
        self.search_layout.setSpacing(8)
        self.search_layout.setObjectName(u"search_layout")
        self.search_edit = QLineEdit(YouthListPage)
        self.search_edit.setObjectName(u"search_edit")
        self.search_edit.setClearButtonEnabled(True)

        self.search_layout.addWidget(self.search_edit)

        self.scope_label = QLabel(YouthListPage)
        self.scope_label.setObjectName(u"scope_label")

        self.search_layout.addWidget(self.scope_label)

        self.scope_combo = QComboBox(YouthListPage)
        self.scope_combo.setObjectName(u"scope_combo")
        self.scope_combo.setMinimumContentsLength(16)
        self.scope_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

        self.search_layout.addWidget(self.scope_combo)


        self.page_layout.addLayout(self.search_layout)

        self.filters_layout = QHBoxLayout()
        self.filters_layout.setSpacing(8)
        self.filters_layout.setObjectName(u"filters_layout")
        self.territory_label = QLabel(YouthListPage)
        self.territory_label.setObjectName(u"territory_label")

        self.filters_layout.addWidget(self.territory_label)

        self.territory_combo = QComboBox(YouthListPage)
        self.territory_combo.setObjectName(u"territory_combo")
        self.territory_combo.setMinimumContentsLength(14)
        self.territory_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

        self.filters_layout.addWidget(self.territory_combo)

        self.status_label = QLabel(YouthListPage)
        self.status_label.setObjectName(u"status_label")

        self.filters_layout.addWidget(self.status_label)

        self.status_combo = QComboBox(YouthListPage)
        self.status_combo.setObjectName(u"status_combo")
        self.status_combo.setMinimumContentsLength(14)
        self.status_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

        self.filters_layout.addWidget(self.status_combo)

        self.outcome_due_check = QCheckBox(YouthListPage)
        self.outcome_due_check.setObjectName(u"outcome_due_check")

        self.filters_layout.addWidget(self.outcome_due_check)

        self.no_contact_check = QCheckBox(YouthListPage)
        self.no_contact_check.setObjectName(u"no_contact_check")

        self.filters_layout.addWidget(self.no_contact_check)

        self.no_contact_spin = QSpinBox(YouthListPage)
        self.no_contact_spin.setObjectName(u"no_contact_spin")
        self.no_contact_spin.setMinimum(1)
        self.no_contact_spin.setMaximum(365)
        self.no_contact_spin.setValue(30)

        self.filters_layout.addWidget(self.no_contact_spin)

        self.filters_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.filters_layout.addItem(self.filters_spacer)


        self.page_layout.addLayout(self.filters_layout)

        self.table_view = QTableView(YouthListPage)
        self.table_view.setObjectName(u"table_view")
        self.table_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table_view.setAlternatingRowColors(True)
        self.table_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table_view.setSortingEnabled(True)
        self.table_view.setWordWrap(False)
        self.table_view.verticalHeader().setVisible(False)

        self.page_layout.addWidget(self.table_view)

        self.empty_label = QLabel(YouthListPage)
        self.empty_label.setObjectName(u"empty_label")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)

        self.page_layout.addWidget(self.empty_label)

        self.bottom_layout = QHBoxLayout()
        self.bottom_layout.setObjectName(u"bottom_layout")
        self.hint_label = QLabel(YouthListPage)
        self.hint_label.setObjectName(u"hint_label")

        self.bottom_layout.addWidget(self.hint_label)

        self.bottom_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.bottom_layout.addItem(self.bottom_spacer)

        self.open_button = QPushButton(YouthListPage)
        self.open_button.setObjectName(u"open_button")

        self.bottom_layout.addWidget(self.open_button)


        self.page_layout.addLayout(self.bottom_layout)

#if QT_CONFIG(shortcut)
        self.scope_label.setBuddy(self.scope_combo)
        self.territory_label.setBuddy(self.territory_combo)
        self.status_label.setBuddy(self.status_combo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(YouthListPage)

        QMetaObject.connectSlotsByName(YouthListPage)
    # setupUi

    def retranslateUi(self, YouthListPage):
        YouthListPage.setWindowTitle(QCoreApplication.translate("YouthListPage", u"Jeunes", None))
        self.title_label.setText(QCoreApplication.translate("YouthListPage", u"Jeunes", None))
        self.title_label.setProperty(u"role", QCoreApplication.translate("YouthListPage", u"title", None))
        self.count_label.setText("")
        self.count_label.setProperty(u"role", QCoreApplication.translate("YouthListPage", u"muted", None))
        self.search_edit.setPlaceholderText(QCoreApplication.translate("YouthListPage", u"Rechercher : nom, pr\u00e9nom, date de naissance (JJ/MM/AAAA) ou commune", None))
#if QT_CONFIG(accessibility)
        self.search_edit.setAccessibleName(QCoreApplication.translate("YouthListPage", u"Rechercher un jeune", None))
#endif // QT_CONFIG(accessibility)
        self.scope_label.setText(QCoreApplication.translate("YouthListPage", u"&Afficher", None))
#if QT_CONFIG(accessibility)
        self.scope_combo.setAccessibleName(QCoreApplication.translate("YouthListPage", u"Jeunes affich\u00e9s", None))
#endif // QT_CONFIG(accessibility)
        self.territory_label.setText(QCoreApplication.translate("YouthListPage", u"&Territoire", None))
        self.status_label.setText(QCoreApplication.translate("YouthListPage", u"&Statut", None))
        self.outcome_due_check.setText(QCoreApplication.translate("YouthListPage", u"Situation \u00e0 &renseigner", None))
        self.no_contact_check.setText(QCoreApplication.translate("YouthListPage", u"Sans &contact depuis plus de", None))
        self.no_contact_spin.setSuffix(QCoreApplication.translate("YouthListPage", u" jours", None))
#if QT_CONFIG(accessibility)
        self.no_contact_spin.setAccessibleName(QCoreApplication.translate("YouthListPage", u"Nombre de jours sans contact", None))
#endif // QT_CONFIG(accessibility)
        self.empty_label.setText("")
        self.empty_label.setProperty(u"role", QCoreApplication.translate("YouthListPage", u"muted", None))
        self.hint_label.setText(QCoreApplication.translate("YouthListPage", u"Entr\u00e9e ou double-clic : ouvrir le dossier du jeune.", None))
        self.hint_label.setProperty(u"role", QCoreApplication.translate("YouthListPage", u"muted", None))
        self.open_button.setText(QCoreApplication.translate("YouthListPage", u"&Ouvrir le dossier", None))
    # retranslateUi
