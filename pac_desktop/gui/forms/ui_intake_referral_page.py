# generated from ui/intake/intake_referral_page.ui — do not edit, run python -m pac_desktop.gui.build_forms
# ruff: noqa

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QFormLayout,
    QFrame, QHBoxLayout, QLabel, QLineEdit,
    QPlainTextEdit, QPushButton, QScrollArea, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_IntakeReferralPage(object):
    def setupUi(self, IntakeReferralPage):
        if not IntakeReferralPage.objectName():
            IntakeReferralPage.setObjectName(u"IntakeReferralPage")
        self.page_layout = QVBoxLayout(IntakeReferralPage)
        self.page_layout.setSpacing(10)
        self.page_layout.setObjectName(u"page_layout")
        self.page_layout.setContentsMargins(16, 12, 16, 12)
        self.heading_label = QLabel(IntakeReferralPage)
        self.heading_label.setObjectName(u"heading_label")

        self.page_layout.addWidget(self.heading_label)

        self.columns_layout = QHBoxLayout()
        self.columns_layout.setSpacing(20)
        self.columns_layout.setObjectName(u"columns_layout")
        self.referral_column = QVBoxLayout()
        self.referral_column.setSpacing(8)
        self.referral_column.setObjectName(u"referral_column")
        self.referral_heading_label = QLabel(IntakeReferralPage)
        self.referral_heading_label.setObjectName(u"referral_heading_label")

        self.referral_column.addWidget(self.referral_heading_label)

        self.referral_form = QFormLayout()
        self.referral_form.setObjectName(u"referral_form")
        self.source_label = QLabel(IntakeReferralPage)
        self.source_label.setObjectName(u"source_label")

        self.referral_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.source_label)

        self.source_combo = QComboBox(IntakeReferralPage)
        self.source_combo.setObjectName(u"source_combo")

        self.referral_form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.source_combo)

        self.referred_on_label = QLabel(IntakeReferralPage)
        self.referred_on_label.setObjectName(u"referred_on_label")

        self.referral_form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.referred_on_label)

        self.referred_on_edit = QLineEdit(IntakeReferralPage)
        self.referred_on_edit.setObjectName(u"referred_on_edit")

        self.referral_form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.referred_on_edit)

        self.referrer_name_label = QLabel(IntakeReferralPage)
        self.referrer_name_label.setObjectName(u"referrer_name_label")

        self.referral_form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.referrer_name_label)

        self.referrer_name_edit = QLineEdit(IntakeReferralPage)
        self.referrer_name_edit.setObjectName(u"referrer_name_edit")

        self.referral_form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.referrer_name_edit)

        self.referrer_structure_label = QLabel(IntakeReferralPage)
        self.referrer_structure_label.setObjectName(u"referrer_structure_label")

        self.referral_form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.referrer_structure_label)

        self.referrer_structure_edit = QLineEdit(IntakeReferralPage)
        self.referrer_structure_edit.setObjectName(u"referrer_structure_edit")

        self.referral_form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.referrer_structure_edit)

        self.organisation_label = QLabel(IntakeReferralPage)
        self.organisation_label.setObjectName(u"organisation_label")

        self.referral_form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.organisation_label)

        self.organisation_combo = QComboBox(IntakeReferralPage)
        self.organisation_combo.setObjectName(u"organisation_combo")

        self.referral_form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.organisation_combo)


        self.referral_column.addLayout(self.referral_form)

        self.facts_heading_label = QLabel(IntakeReferralPage)
        self.facts_heading_label.setObjectName(u"facts_heading_label")

        self.referral_column.addWidget(self.facts_heading_label)

        self.facts_form = QFormLayout()
        self.facts_form.setObjectName(u"facts_form")
        self.left_school_label = QLabel(IntakeReferralPage)
        self.left_school_label.setObjectName(u"left_school_label")

        self.facts_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.left_school_label)

        self.left_school_edit = QLineEdit(IntakeReferralPage)
        self.left_school_edit.setObjectName(u"left_school_edit")

        self.facts_form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.left_school_edit)

        self.qualification_label = QLabel(IntakeReferralPage)
        self.qualification_label.setObjectName(u"qualification_label")

        self.facts_form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.qualification_label)

        self.qualification_combo = QComboBox(IntakeReferralPage)
        self.qualification_combo.setObjectName(u"qualification_combo")

        self.facts_form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.qualification_combo)

        self.followed_label = QLabel(IntakeReferralPage)
        self.followed_label.setObjectName(u"followed_label")

        self.facts_form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.followed_label)

        self.followed_combo = QComboBox(IntakeReferralPage)
        self.followed_combo.setObjectName(u"followed_combo")

        self.facts_form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.followed_combo)


        self.referral_column.addLayout(self.facts_form)

        self.evaluation_frame = QFrame(IntakeReferralPage)
        self.evaluation_frame.setObjectName(u"evaluation_frame")
        self.evaluation_frame.setVisible(False)
        self.evaluation_layout = QVBoxLayout(self.evaluation_frame)
        self.evaluation_layout.setSpacing(6)
        self.evaluation_layout.setObjectName(u"evaluation_layout")
        self.evaluation_layout.setContentsMargins(0, 12, 0, 0)
        self.evaluation_heading_label = QLabel(self.evaluation_frame)
        self.evaluation_heading_label.setObjectName(u"evaluation_heading_label")

        self.evaluation_layout.addWidget(self.evaluation_heading_label)

        self.evaluation_text_label = QLabel(self.evaluation_frame)
        self.evaluation_text_label.setObjectName(u"evaluation_text_label")
        self.evaluation_text_label.setWordWrap(True)
        self.evaluation_text_label.setTextFormat(Qt.TextFormat.RichText)

        self.evaluation_layout.addWidget(self.evaluation_text_label)

        self.evaluation_informed_check = QCheckBox(self.evaluation_frame)
        self.evaluation_informed_check.setObjectName(u"evaluation_informed_check")

        self.evaluation_layout.addWidget(self.evaluation_informed_check)

        self.evaluation_draw_button = QPushButton(self.evaluation_frame)
        self.evaluation_draw_button.setObjectName(u"evaluation_draw_button")

        self.evaluation_layout.addWidget(self.evaluation_draw_button)


        self.referral_column.addWidget(self.evaluation_frame)

        self.referral_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.referral_column.addItem(self.referral_spacer)


        self.columns_layout.addLayout(self.referral_column)

        self.criteria_scroll = QScrollArea(IntakeReferralPage)
        self.criteria_scroll.setObjectName(u"criteria_scroll")
        self.criteria_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.criteria_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.criteria_scroll.setWidgetResizable(True)
        self.criteria_frame = QFrame()
        self.criteria_frame.setObjectName(u"criteria_frame")
        self.criteria_frame_layout = QVBoxLayout(self.criteria_frame)
        self.criteria_frame_layout.setSpacing(6)
        self.criteria_frame_layout.setObjectName(u"criteria_frame_layout")
        self.criteria_frame_layout.setContentsMargins(12, 12, 12, 12)
        self.criteria_heading_label = QLabel(self.criteria_frame)
        self.criteria_heading_label.setObjectName(u"criteria_heading_label")

        self.criteria_frame_layout.addWidget(self.criteria_heading_label)

        self.criteria_layout = QVBoxLayout()
        self.criteria_layout.setSpacing(6)
        self.criteria_layout.setObjectName(u"criteria_layout")

        self.criteria_frame_layout.addLayout(self.criteria_layout)

        self.eligibility_message_label = QLabel(self.criteria_frame)
        self.eligibility_message_label.setObjectName(u"eligibility_message_label")
        self.eligibility_message_label.setWordWrap(True)

        self.criteria_frame_layout.addWidget(self.eligibility_message_label)

        self.justification_label = QLabel(self.criteria_frame)
        self.justification_label.setObjectName(u"justification_label")

        self.criteria_frame_layout.addWidget(self.justification_label)

        self.justification_edit = QPlainTextEdit(self.criteria_frame)
        self.justification_edit.setObjectName(u"justification_edit")
        self.justification_edit.setTabChangesFocus(True)
        self.justification_edit.setMaximumSize(QSize(16777215, 110))

        self.criteria_frame_layout.addWidget(self.justification_edit)

        self.justification_count_label = QLabel(self.criteria_frame)
        self.justification_count_label.setObjectName(u"justification_count_label")
        self.justification_count_label.setWordWrap(True)

        self.criteria_frame_layout.addWidget(self.justification_count_label)

        self.criteria_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.criteria_frame_layout.addItem(self.criteria_spacer)

        self.criteria_scroll.setWidget(self.criteria_frame)

        self.columns_layout.addWidget(self.criteria_scroll)

        self.columns_layout.setStretch(0, 1)
        self.columns_layout.setStretch(1, 1)

        self.page_layout.addLayout(self.columns_layout)

        self.message_label = QLabel(IntakeReferralPage)
        self.message_label.setObjectName(u"message_label")
        self.message_label.setWordWrap(True)
        self.message_label.setVisible(False)

        self.page_layout.addWidget(self.message_label)

        self.page_layout.setStretch(1, 1)
#if QT_CONFIG(shortcut)
        self.source_label.setBuddy(self.source_combo)
        self.referred_on_label.setBuddy(self.referred_on_edit)
        self.referrer_name_label.setBuddy(self.referrer_name_edit)
        self.referrer_structure_label.setBuddy(self.referrer_structure_edit)
        self.organisation_label.setBuddy(self.organisation_combo)
        self.left_school_label.setBuddy(self.left_school_edit)
        self.qualification_label.setBuddy(self.qualification_combo)
        self.followed_label.setBuddy(self.followed_combo)
        self.justification_label.setBuddy(self.justification_edit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.source_combo, self.referred_on_edit)
        QWidget.setTabOrder(self.referred_on_edit, self.referrer_name_edit)
        QWidget.setTabOrder(self.referrer_name_edit, self.referrer_structure_edit)
        QWidget.setTabOrder(self.referrer_structure_edit, self.organisation_combo)
        QWidget.setTabOrder(self.organisation_combo, self.left_school_edit)
        QWidget.setTabOrder(self.left_school_edit, self.qualification_combo)
        QWidget.setTabOrder(self.qualification_combo, self.followed_combo)
        QWidget.setTabOrder(self.followed_combo, self.justification_edit)

        self.retranslateUi(IntakeReferralPage)

        QMetaObject.connectSlotsByName(IntakeReferralPage)
    # setupUi

    def retranslateUi(self, IntakeReferralPage):
        self.heading_label.setText(QCoreApplication.translate("IntakeReferralPage", u"Rep\u00e9rage et \u00e9ligibilit\u00e9", None))
        self.heading_label.setProperty(u"role", QCoreApplication.translate("IntakeReferralPage", u"heading", None))
        self.referral_heading_label.setText(QCoreApplication.translate("IntakeReferralPage", u"Qui a orient\u00e9 le jeune ?", None))
        self.referral_heading_label.setProperty(u"role", QCoreApplication.translate("IntakeReferralPage", u"muted", None))
        self.source_label.setText(QCoreApplication.translate("IntakeReferralPage", u"&Orient\u00e9 par", None))
#if QT_CONFIG(accessibility)
        self.source_combo.setAccessibleName(QCoreApplication.translate("IntakeReferralPage", u"Orient\u00e9 par", None))
#endif // QT_CONFIG(accessibility)
        self.referred_on_label.setText(QCoreApplication.translate("IntakeReferralPage", u"&Date du rep\u00e9rage", None))
#if QT_CONFIG(accessibility)
        self.referred_on_edit.setAccessibleName(QCoreApplication.translate("IntakeReferralPage", u"Date du rep\u00e9rage", None))
#endif // QT_CONFIG(accessibility)
        self.referred_on_edit.setPlaceholderText(QCoreApplication.translate("IntakeReferralPage", u"JJ/MM/AAAA", None))
        self.referrer_name_label.setText(QCoreApplication.translate("IntakeReferralPage", u"&Nom du prescripteur", None))
#if QT_CONFIG(accessibility)
        self.referrer_name_edit.setAccessibleName(QCoreApplication.translate("IntakeReferralPage", u"Nom du prescripteur", None))
#endif // QT_CONFIG(accessibility)
        self.referrer_structure_label.setText(QCoreApplication.translate("IntakeReferralPage", u"&Structure du prescripteur", None))
#if QT_CONFIG(accessibility)
        self.referrer_structure_edit.setAccessibleName(QCoreApplication.translate("IntakeReferralPage", u"Structure du prescripteur", None))
#endif // QT_CONFIG(accessibility)
        self.referrer_structure_edit.setPlaceholderText(QCoreApplication.translate("IntakeReferralPage", u"lyc\u00e9e, PJJ, point d'accueil jeunes\u2026", None))
        self.organisation_label.setText(QCoreApplication.translate("IntakeReferralPage", u"Structure par&tenaire", None))
#if QT_CONFIG(accessibility)
        self.organisation_combo.setAccessibleName(QCoreApplication.translate("IntakeReferralPage", u"Structure partenaire qui a orient\u00e9 le jeune", None))
#endif // QT_CONFIG(accessibility)
        self.facts_heading_label.setText(QCoreApplication.translate("IntakeReferralPage", u"Ce qui d\u00e9cide de l'\u00e9ligibilit\u00e9", None))
        self.facts_heading_label.setProperty(u"role", QCoreApplication.translate("IntakeReferralPage", u"muted", None))
        self.left_school_label.setText(QCoreApplication.translate("IntakeReferralPage", u"Sorti du syst\u00e8me scolaire &le", None))
#if QT_CONFIG(accessibility)
        self.left_school_edit.setAccessibleName(QCoreApplication.translate("IntakeReferralPage", u"Date de sortie du syst\u00e8me scolaire", None))
#endif // QT_CONFIG(accessibility)
        self.left_school_edit.setPlaceholderText(QCoreApplication.translate("IntakeReferralPage", u"JJ/MM/AAAA", None))
        self.qualification_label.setText(QCoreApplication.translate("IntakeReferralPage", u"A une &qualification", None))
#if QT_CONFIG(accessibility)
        self.qualification_combo.setAccessibleName(QCoreApplication.translate("IntakeReferralPage", u"A une qualification", None))
#endif // QT_CONFIG(accessibility)
        self.followed_label.setText(QCoreApplication.translate("IntakeReferralPage", u"D\u00e9j\u00e0 s&uivi par une structure", None))
#if QT_CONFIG(accessibility)
        self.followed_combo.setAccessibleName(QCoreApplication.translate("IntakeReferralPage", u"D\u00e9j\u00e0 suivi par une structure", None))
#endif // QT_CONFIG(accessibility)
        self.evaluation_heading_label.setText(QCoreApplication.translate("IntakeReferralPage", u"\u00c9valuation par tirage au sort", None))
        self.evaluation_heading_label.setProperty(u"role", QCoreApplication.translate("IntakeReferralPage", u"heading", None))
        self.evaluation_text_label.setText("")
        self.evaluation_informed_check.setText(QCoreApplication.translate("IntakeReferralPage", u"Tirage au sort expliqu\u00e9 au jeune", None))
#if QT_CONFIG(accessibility)
        self.evaluation_informed_check.setAccessibleName(QCoreApplication.translate("IntakeReferralPage", u"Le tirage au sort a \u00e9t\u00e9 expliqu\u00e9 au jeune", None))
#endif // QT_CONFIG(accessibility)
        self.evaluation_draw_button.setText(QCoreApplication.translate("IntakeReferralPage", u"Confirmer l'\u00e9ligibilit\u00e9 et tirer au sort", None))
#if QT_CONFIG(accessibility)
        self.evaluation_draw_button.setAccessibleName(QCoreApplication.translate("IntakeReferralPage", u"Confirmer l'\u00e9ligibilit\u00e9 et tirer au sort", None))
#endif // QT_CONFIG(accessibility)
        self.criteria_frame.setProperty(u"role", QCoreApplication.translate("IntakeReferralPage", u"card", None))
        self.criteria_heading_label.setText(QCoreApplication.translate("IntakeReferralPage", u"\u00c9ligibilit\u00e9", None))
        self.criteria_heading_label.setProperty(u"role", QCoreApplication.translate("IntakeReferralPage", u"heading", None))
        self.eligibility_message_label.setText("")
        self.justification_label.setText(QCoreApplication.translate("IntakeReferralPage", u"&Justification de la d\u00e9rogation", None))
#if QT_CONFIG(accessibility)
        self.justification_edit.setAccessibleName(QCoreApplication.translate("IntakeReferralPage", u"Justification de la d\u00e9rogation", None))
#endif // QT_CONFIG(accessibility)
        self.justification_edit.setPlaceholderText(QCoreApplication.translate("IntakeReferralPage", u"Pourquoi le jeune est accueilli malgr\u00e9 tout (au moins 20 caract\u00e8res)", None))
        self.justification_count_label.setText("")
        self.justification_count_label.setProperty(u"role", QCoreApplication.translate("IntakeReferralPage", u"muted", None))
        self.message_label.setText("")
        self.message_label.setProperty(u"role", QCoreApplication.translate("IntakeReferralPage", u"error", None))
        pass
    # retranslateUi
