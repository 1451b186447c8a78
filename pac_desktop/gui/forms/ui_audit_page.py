# generated from ui/protection/audit_page.ui — do not edit, run python -m pac_desktop.gui.build_forms
# ruff: noqa

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QDateEdit,
    QHBoxLayout, QHeaderView, QLabel, QPushButton,
    QSizePolicy, QSpacerItem, QTableView, QVBoxLayout,
    QWidget)

class Ui_AuditPage(object):
    def setupUi(self, AuditPage):
        if not AuditPage.objectName():
            AuditPage.setObjectName(u"AuditPage")
        AuditPage.resize(900, 600)
        self.main_layout = QVBoxLayout(AuditPage)
        self.main_layout.setObjectName(u"main_layout")
        self.title_label = QLabel(AuditPage)
        self.title_label.setObjectName(u"title_label")

        self.main_layout.addWidget(self.title_label)

        self.intro_label = QLabel(AuditPage)
        self.intro_label.setObjectName(u"intro_label")
        self.intro_label.setWordWrap(True)

        self.main_layout.addWidget(self.intro_label)

        self.filters_layout = QHBoxLayout()
        self.filters_layout.setObjectName(u"filters_layout")
        self.staff_label = QLabel(AuditPage)
        self.staff_label.setObjectName(u"staff_label")

        self.filters_layout.addWidget(self.staff_label)

        self.staff_combo = QComboBox(AuditPage)
        self.staff_combo.setObjectName(u"staff_combo")
        self.staff_combo.setMinimumContentsLength(18)

        self.filters_layout.addWidget(self.staff_combo)

        self.action_label = QLabel(AuditPage)
        self.action_label.setObjectName(u"action_label")

        self.filters_layout.addWidget(self.action_label)

        self.action_combo = QComboBox(AuditPage)
        self.action_combo.setObjectName(u"action_combo")
        self.action_combo.setMinimumContentsLength(18)

        self.filters_layout.addWidget(self.action_combo)

        self.since_label = QLabel(AuditPage)
        self.since_label.setObjectName(u"since_label")

        self.filters_layout.addWidget(self.since_label)

        self.since_edit = QDateEdit(AuditPage)
        self.since_edit.setObjectName(u"since_edit")
        self.since_edit.setCalendarPopup(True)

        self.filters_layout.addWidget(self.since_edit)

        self.until_label = QLabel(AuditPage)
        self.until_label.setObjectName(u"until_label")

        self.filters_layout.addWidget(self.until_label)

        self.until_edit = QDateEdit(AuditPage)
        self.until_edit.setObjectName(u"until_edit")
        self.until_edit.setCalendarPopup(True)

        self.filters_layout.addWidget(self.until_edit)

        self.search_button = QPushButton(AuditPage)
        self.search_button.setObjectName(u"search_button")

        self.filters_layout.addWidget(self.search_button)

        self.filters_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.filters_layout.addItem(self.filters_spacer)


        self.main_layout.addLayout(self.filters_layout)

        self.count_label = QLabel(AuditPage)
        self.count_label.setObjectName(u"count_label")

        self.main_layout.addWidget(self.count_label)

        self.table_view = QTableView(AuditPage)
        self.table_view.setObjectName(u"table_view")
        self.table_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table_view.setAlternatingRowColors(True)
        self.table_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table_view.setWordWrap(False)
        self.table_view.horizontalHeader().setStretchLastSection(True)
        self.table_view.verticalHeader().setVisible(False)

        self.main_layout.addWidget(self.table_view)

        self.bottom_layout = QHBoxLayout()
        self.bottom_layout.setObjectName(u"bottom_layout")
        self.open_file_button = QPushButton(AuditPage)
        self.open_file_button.setObjectName(u"open_file_button")
        self.open_file_button.setEnabled(False)

        self.bottom_layout.addWidget(self.open_file_button)

        self.error_label = QLabel(AuditPage)
        self.error_label.setObjectName(u"error_label")
        self.error_label.setWordWrap(True)

        self.bottom_layout.addWidget(self.error_label)

        self.bottom_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.bottom_layout.addItem(self.bottom_spacer)

        self.more_button = QPushButton(AuditPage)
        self.more_button.setObjectName(u"more_button")

        self.bottom_layout.addWidget(self.more_button)


        self.main_layout.addLayout(self.bottom_layout)

#if QT_CONFIG(shortcut)
        self.staff_label.setBuddy(self.staff_combo)
        self.action_label.setBuddy(self.action_combo)
        self.since_label.setBuddy(self.since_edit)
        self.until_label.setBuddy(self.until_edit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(AuditPage)

        QMetaObject.connectSlotsByName(AuditPage)
    # setupUi

    def retranslateUi(self, AuditPage):
        self.title_label.setText(QCoreApplication.translate("AuditPage", u"Journal d'audit", None))
        self.title_label.setProperty(u"role", QCoreApplication.translate("AuditPage", u"title", None))
        self.intro_label.setText(QCoreApplication.translate("AuditPage", u"Qui a consult\u00e9, imprim\u00e9, export\u00e9, s'est connect\u00e9, a \u00e9t\u00e9 refus\u00e9 ou a supprim\u00e9 des donn\u00e9es, et quand. Le journal ne contient ni nom de jeune ni contenu de dossier.", None))
        self.intro_label.setProperty(u"role", QCoreApplication.translate("AuditPage", u"muted", None))
        self.staff_label.setText(QCoreApplication.translate("AuditPage", u"&Personne", None))
        self.action_label.setText(QCoreApplication.translate("AuditPage", u"&Action", None))
        self.since_label.setText(QCoreApplication.translate("AuditPage", u"&Du", None))
        self.since_edit.setDisplayFormat(QCoreApplication.translate("AuditPage", u"dd/MM/yyyy", None))
        self.until_label.setText(QCoreApplication.translate("AuditPage", u"a&u", None))
        self.until_edit.setDisplayFormat(QCoreApplication.translate("AuditPage", u"dd/MM/yyyy", None))
        self.search_button.setText(QCoreApplication.translate("AuditPage", u"&Rechercher", None))
        self.count_label.setProperty(u"role", QCoreApplication.translate("AuditPage", u"muted", None))
#if QT_CONFIG(tooltip)
        self.open_file_button.setToolTip(QCoreApplication.translate("AuditPage", u"Ouvrir le dossier du jeune que concerne la ligne choisie (Entr\u00e9e ou double-clic sur la ligne)", None))
#endif // QT_CONFIG(tooltip)
        self.open_file_button.setText(QCoreApplication.translate("AuditPage", u"&Ouvrir le dossier", None))
        self.error_label.setProperty(u"role", QCoreApplication.translate("AuditPage", u"error", None))
        self.more_button.setText(QCoreApplication.translate("AuditPage", u"Afficher p&lus", None))
        pass
    # retranslateUi
