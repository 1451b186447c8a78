# generated from ui/intake/intake_new_page.ui — do not edit, run python -m pac_desktop.gui.build_forms
# ruff: noqa

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCheckBox, QComboBox,
    QFormLayout, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QPushButton, QSizePolicy, QSpacerItem,
    QTableView, QVBoxLayout, QWidget)

class Ui_IntakeNewPage(object):
    def setupUi(self, IntakeNewPage):
        if not IntakeNewPage.objectName():
            IntakeNewPage.setObjectName(u"IntakeNewPage")
        self.page_layout = QVBoxLayout(IntakeNewPage)
        self.page_layout.setSpacing(10)
        self.page_layout.setObjectName(u"page_layout")
        self.page_layout.setContentsMargins(24, 20, 24, 20)
        self.title_label = QLabel(IntakeNewPage)
        self.title_label.setObjectName(u"title_label")

        self.page_layout.addWidget(self.title_label)

        self.intro_label = QLabel(IntakeNewPage)
        self.intro_label.setObjectName(u"intro_label")
        self.intro_label.setWordWrap(True)

        self.page_layout.addWidget(self.intro_label)

        self.search_form = QFormLayout()
        self.search_form.setObjectName(u"search_form")
        self.first_name_label = QLabel(IntakeNewPage)
        self.first_name_label.setObjectName(u"first_name_label")

        self.search_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.first_name_label)

        self.first_name_edit = QLineEdit(IntakeNewPage)
        self.first_name_edit.setObjectName(u"first_name_edit")
        self.first_name_edit.setMaximumSize(QSize(480, 16777215))

        self.search_form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.first_name_edit)

        self.last_name_label = QLabel(IntakeNewPage)
        self.last_name_label.setObjectName(u"last_name_label")

        self.search_form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.last_name_label)

        self.last_name_edit = QLineEdit(IntakeNewPage)
        self.last_name_edit.setObjectName(u"last_name_edit")
        self.last_name_edit.setMaximumSize(QSize(480, 16777215))

        self.search_form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.last_name_edit)

        self.birth_date_label = QLabel(IntakeNewPage)
        self.birth_date_label.setObjectName(u"birth_date_label")

        self.search_form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.birth_date_label)

        self.birth_date_edit = QLineEdit(IntakeNewPage)
        self.birth_date_edit.setObjectName(u"birth_date_edit")
        self.birth_date_edit.setMaximumSize(QSize(160, 16777215))

        self.search_form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.birth_date_edit)

        self.territory_label = QLabel(IntakeNewPage)
        self.territory_label.setObjectName(u"territory_label")

        self.search_form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.territory_label)

        self.territory_combo = QComboBox(IntakeNewPage)
        self.territory_combo.setObjectName(u"territory_combo")
        self.territory_combo.setMaximumSize(QSize(480, 16777215))

        self.search_form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.territory_combo)


        self.page_layout.addLayout(self.search_form)

        self.candidates_label = QLabel(IntakeNewPage)
        self.candidates_label.setObjectName(u"candidates_label")

        self.page_layout.addWidget(self.candidates_label)

        self.candidates_view = QTableView(IntakeNewPage)
        self.candidates_view.setObjectName(u"candidates_view")
        self.candidates_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.candidates_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.candidates_view.setAlternatingRowColors(True)
        self.candidates_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.candidates_view.setTabKeyNavigation(False)
        self.candidates_view.verticalHeader().setVisible(False)

        self.page_layout.addWidget(self.candidates_view)

        self.candidates_empty_label = QLabel(IntakeNewPage)
        self.candidates_empty_label.setObjectName(u"candidates_empty_label")
        self.candidates_empty_label.setWordWrap(True)

        self.page_layout.addWidget(self.candidates_empty_label)

        self.candidate_actions_layout = QHBoxLayout()
        self.candidate_actions_layout.setObjectName(u"candidate_actions_layout")
        self.open_button = QPushButton(IntakeNewPage)
        self.open_button.setObjectName(u"open_button")

        self.candidate_actions_layout.addWidget(self.open_button)

        self.candidate_actions_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.candidate_actions_layout.addItem(self.candidate_actions_spacer)


        self.page_layout.addLayout(self.candidate_actions_layout)

        self.none_match_check = QCheckBox(IntakeNewPage)
        self.none_match_check.setObjectName(u"none_match_check")

        self.page_layout.addWidget(self.none_match_check)

        self.message_label = QLabel(IntakeNewPage)
        self.message_label.setObjectName(u"message_label")
        self.message_label.setWordWrap(True)
        self.message_label.setVisible(False)

        self.page_layout.addWidget(self.message_label)

        self.bottom_layout = QHBoxLayout()
        self.bottom_layout.setObjectName(u"bottom_layout")
        self.back_button = QPushButton(IntakeNewPage)
        self.back_button.setObjectName(u"back_button")

        self.bottom_layout.addWidget(self.back_button)

        self.bottom_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.bottom_layout.addItem(self.bottom_spacer)

        self.create_button = QPushButton(IntakeNewPage)
        self.create_button.setObjectName(u"create_button")

        self.bottom_layout.addWidget(self.create_button)


        self.page_layout.addLayout(self.bottom_layout)

        self.page_layout.setStretch(4, 1)
#if QT_CONFIG(shortcut)
        self.first_name_label.setBuddy(self.first_name_edit)
        self.last_name_label.setBuddy(self.last_name_edit)
        self.birth_date_label.setBuddy(self.birth_date_edit)
        self.territory_label.setBuddy(self.territory_combo)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.first_name_edit, self.last_name_edit)
        QWidget.setTabOrder(self.last_name_edit, self.birth_date_edit)
        QWidget.setTabOrder(self.birth_date_edit, self.territory_combo)
        QWidget.setTabOrder(self.territory_combo, self.candidates_view)
        QWidget.setTabOrder(self.candidates_view, self.open_button)
        QWidget.setTabOrder(self.open_button, self.none_match_check)
        QWidget.setTabOrder(self.none_match_check, self.create_button)
        QWidget.setTabOrder(self.create_button, self.back_button)

        self.retranslateUi(IntakeNewPage)

        self.create_button.setDefault(True)


        QMetaObject.connectSlotsByName(IntakeNewPage)
    # setupUi

    def retranslateUi(self, IntakeNewPage):
        IntakeNewPage.setWindowTitle(QCoreApplication.translate("IntakeNewPage", u"Nouvel accueil", None))
        self.title_label.setText(QCoreApplication.translate("IntakeNewPage", u"Nouvel accueil : qui est le jeune ?", None))
        self.title_label.setProperty(u"role", QCoreApplication.translate("IntakeNewPage", u"title", None))
        self.intro_label.setText(QCoreApplication.translate("IntakeNewPage", u"Cherchez d'abord si le jeune a d\u00e9j\u00e0 un dossier : les dossiers ressemblants s'affichent pendant la saisie (accents, majuscules, tirets et pr\u00e9nom et nom invers\u00e9s n'y changent rien).", None))
        self.intro_label.setProperty(u"role", QCoreApplication.translate("IntakeNewPage", u"muted", None))
        self.first_name_label.setText(QCoreApplication.translate("IntakeNewPage", u"&Pr\u00e9nom", None))
#if QT_CONFIG(accessibility)
        self.first_name_edit.setAccessibleName(QCoreApplication.translate("IntakeNewPage", u"Pr\u00e9nom du jeune", None))
#endif // QT_CONFIG(accessibility)
        self.last_name_label.setText(QCoreApplication.translate("IntakeNewPage", u"&Nom", None))
#if QT_CONFIG(accessibility)
        self.last_name_edit.setAccessibleName(QCoreApplication.translate("IntakeNewPage", u"Nom du jeune", None))
#endif // QT_CONFIG(accessibility)
        self.birth_date_label.setText(QCoreApplication.translate("IntakeNewPage", u"Date de &naissance", None))
#if QT_CONFIG(accessibility)
        self.birth_date_edit.setAccessibleName(QCoreApplication.translate("IntakeNewPage", u"Date de naissance du jeune", None))
#endif // QT_CONFIG(accessibility)
        self.birth_date_edit.setPlaceholderText(QCoreApplication.translate("IntakeNewPage", u"JJ/MM/AAAA", None))
        self.territory_label.setText(QCoreApplication.translate("IntakeNewPage", u"&Territoire", None))
#if QT_CONFIG(accessibility)
        self.territory_combo.setAccessibleName(QCoreApplication.translate("IntakeNewPage", u"Territoire de l'accueil", None))
#endif // QT_CONFIG(accessibility)
        self.candidates_label.setText(QCoreApplication.translate("IntakeNewPage", u"Dossiers qui ressemblent \u00e0 cette personne", None))
        self.candidates_label.setProperty(u"role", QCoreApplication.translate("IntakeNewPage", u"heading", None))
#if QT_CONFIG(accessibility)
        self.candidates_view.setAccessibleName(QCoreApplication.translate("IntakeNewPage", u"Dossiers qui ressemblent \u00e0 cette personne", None))
#endif // QT_CONFIG(accessibility)
        self.candidates_empty_label.setText(QCoreApplication.translate("IntakeNewPage", u"Aucun dossier ne ressemble \u00e0 cette personne pour l'instant.", None))
        self.candidates_empty_label.setProperty(u"role", QCoreApplication.translate("IntakeNewPage", u"muted", None))
        self.open_button.setText(QCoreApplication.translate("IntakeNewPage", u"&Ouvrir ce dossier", None))
#if QT_CONFIG(accessibility)
        self.open_button.setAccessibleName(QCoreApplication.translate("IntakeNewPage", u"Ouvrir ce dossier", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.open_button.setToolTip(QCoreApplication.translate("IntakeNewPage", u"Reprendre son accueil en cours, ou en commencer un pour ce jeune", None))
#endif // QT_CONFIG(tooltip)
        self.none_match_check.setText(QCoreApplication.translate("IntakeNewPage", u"Ce n'est &aucune de ces personnes : cr\u00e9er un nouveau dossier", None))
#if QT_CONFIG(accessibility)
        self.none_match_check.setAccessibleName(QCoreApplication.translate("IntakeNewPage", u"Ce n'est aucune de ces personnes : cr\u00e9er un nouveau dossier", None))
#endif // QT_CONFIG(accessibility)
        self.message_label.setText("")
        self.message_label.setProperty(u"role", QCoreApplication.translate("IntakeNewPage", u"error", None))
        self.back_button.setText(QCoreApplication.translate("IntakeNewPage", u"\u25c2 Retour aux &accueils", None))
#if QT_CONFIG(accessibility)
        self.back_button.setAccessibleName(QCoreApplication.translate("IntakeNewPage", u"\u25c2 Retour aux accueils", None))
#endif // QT_CONFIG(accessibility)
        self.create_button.setText(QCoreApplication.translate("IntakeNewPage", u"&Cr\u00e9er le dossier et commencer l'accueil", None))
#if QT_CONFIG(accessibility)
        self.create_button.setAccessibleName(QCoreApplication.translate("IntakeNewPage", u"Cr\u00e9er le dossier et commencer l'accueil", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi
