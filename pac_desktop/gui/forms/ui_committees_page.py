# generated from ui/documents/committees_page.ui — do not edit, run python -m pac_desktop.gui.build_forms
# ruff: noqa

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QDateEdit,
    QFormLayout, QHBoxLayout, QLabel, QProgressBar,
    QPushButton, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_CommitteesPage(object):
    def setupUi(self, CommitteesPage):
        if not CommitteesPage.objectName():
            CommitteesPage.setObjectName(u"CommitteesPage")
        CommitteesPage.resize(900, 600)
        self.page_layout = QVBoxLayout(CommitteesPage)
        self.page_layout.setSpacing(14)
        self.page_layout.setObjectName(u"page_layout")
        self.page_layout.setContentsMargins(24, 20, 24, -1)
        self.title_label = QLabel(CommitteesPage)
        self.title_label.setObjectName(u"title_label")

        self.page_layout.addWidget(self.title_label)

        self.intro_label = QLabel(CommitteesPage)
        self.intro_label.setObjectName(u"intro_label")
        self.intro_label.setWordWrap(True)

        self.page_layout.addWidget(self.intro_label)

        self.form_layout = QFormLayout()
        self.form_layout.setObjectName(u"form_layout")
        self.territory_label = QLabel(CommitteesPage)
        self.territory_label.setObjectName(u"territory_label")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.territory_label)

        self.territory_combo = QComboBox(CommitteesPage)
        self.territory_combo.setObjectName(u"territory_combo")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.territory_combo)

        self.date_from_label = QLabel(CommitteesPage)
        self.date_from_label.setObjectName(u"date_from_label")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.date_from_label)

        self.date_from_edit = QDateEdit(CommitteesPage)
        self.date_from_edit.setObjectName(u"date_from_edit")
        self.date_from_edit.setCalendarPopup(True)

        self.form_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.date_from_edit)

        self.date_to_label = QLabel(CommitteesPage)
        self.date_to_label.setObjectName(u"date_to_label")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.date_to_label)

        self.date_to_edit = QDateEdit(CommitteesPage)
        self.date_to_edit.setObjectName(u"date_to_edit")
        self.date_to_edit.setCalendarPopup(True)

        self.form_layout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.date_to_edit)

        self.pseudonymised_check = QCheckBox(CommitteesPage)
        self.pseudonymised_check.setObjectName(u"pseudonymised_check")

        self.form_layout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.pseudonymised_check)


        self.page_layout.addLayout(self.form_layout)

        self.actions_layout = QHBoxLayout()
        self.actions_layout.setObjectName(u"actions_layout")
        self.generate_button = QPushButton(CommitteesPage)
        self.generate_button.setObjectName(u"generate_button")

        self.actions_layout.addWidget(self.generate_button)

        self.progress_bar = QProgressBar(CommitteesPage)
        self.progress_bar.setObjectName(u"progress_bar")

        self.actions_layout.addWidget(self.progress_bar)

        self.cancel_button = QPushButton(CommitteesPage)
        self.cancel_button.setObjectName(u"cancel_button")

        self.actions_layout.addWidget(self.cancel_button)


        self.page_layout.addLayout(self.actions_layout)

        self.status_label = QLabel(CommitteesPage)
        self.status_label.setObjectName(u"status_label")
        self.status_label.setWordWrap(True)

        self.page_layout.addWidget(self.status_label)

        self.result_layout = QHBoxLayout()
        self.result_layout.setObjectName(u"result_layout")
        self.preview_button = QPushButton(CommitteesPage)
        self.preview_button.setObjectName(u"preview_button")

        self.result_layout.addWidget(self.preview_button)

        self.result_spacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.result_layout.addItem(self.result_spacer)


        self.page_layout.addLayout(self.result_layout)

        self.bottom_spacer = QSpacerItem(10, 40, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.page_layout.addItem(self.bottom_spacer)

#if QT_CONFIG(shortcut)
        self.territory_label.setBuddy(self.territory_combo)
        self.date_from_label.setBuddy(self.date_from_edit)
        self.date_to_label.setBuddy(self.date_to_edit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(CommitteesPage)

        self.generate_button.setDefault(True)


        QMetaObject.connectSlotsByName(CommitteesPage)
    # setupUi

    def retranslateUi(self, CommitteesPage):
        CommitteesPage.setWindowTitle(QCoreApplication.translate("CommitteesPage", u"Comit\u00e9s", None))
        self.title_label.setText(QCoreApplication.translate("CommitteesPage", u"Dossier du comit\u00e9 technique local", None))
        self.intro_label.setText(QCoreApplication.translate("CommitteesPage", u"Le dossier r\u00e9unit, pour un territoire et une p\u00e9riode, une page de garde, le sommaire des accueils communs valid\u00e9s, puis la fiche de synth\u00e8se de chacun. La version pseudonymis\u00e9e ne montre que les initiales des jeunes, sans coordonn\u00e9es.", None))
        self.territory_label.setText(QCoreApplication.translate("CommitteesPage", u"&Territoire", None))
        self.date_from_label.setText(QCoreApplication.translate("CommitteesPage", u"&Du", None))
        self.date_from_edit.setDisplayFormat(QCoreApplication.translate("CommitteesPage", u"dd/MM/yyyy", None))
        self.date_to_label.setText(QCoreApplication.translate("CommitteesPage", u"A&u", None))
        self.date_to_edit.setDisplayFormat(QCoreApplication.translate("CommitteesPage", u"dd/MM/yyyy", None))
        self.pseudonymised_check.setText(QCoreApplication.translate("CommitteesPage", u"&Version pseudonymis\u00e9e (initiales seulement, sans coordonn\u00e9es)", None))
        self.generate_button.setText(QCoreApplication.translate("CommitteesPage", u"&Pr\u00e9parer le dossier", None))
        self.progress_bar.setFormat(QCoreApplication.translate("CommitteesPage", u"%p %", None))
        self.cancel_button.setText(QCoreApplication.translate("CommitteesPage", u"A&nnuler", None))
        self.status_label.setText("")
        self.preview_button.setText(QCoreApplication.translate("CommitteesPage", u"&Ouvrir l'aper\u00e7u", None))
    # retranslateUi
