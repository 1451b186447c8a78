# generated from ui/intake/intake_analysis_page.ui — do not edit, run python -m pac_desktop.gui.build_forms
# ruff: noqa

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QCheckBox, QFrame, QHBoxLayout,
    QLabel, QPlainTextEdit, QScrollArea, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_IntakeAnalysisPage(object):
    def setupUi(self, IntakeAnalysisPage):
        if not IntakeAnalysisPage.objectName():
            IntakeAnalysisPage.setObjectName(u"IntakeAnalysisPage")
        self.page_layout = QVBoxLayout(IntakeAnalysisPage)
        self.page_layout.setSpacing(8)
        self.page_layout.setObjectName(u"page_layout")
        self.page_layout.setContentsMargins(16, 12, 16, 12)
        self.speaker_frame = QFrame(IntakeAnalysisPage)
        self.speaker_frame.setObjectName(u"speaker_frame")
        self.speaker_layout = QHBoxLayout(self.speaker_frame)
        self.speaker_layout.setSpacing(10)
        self.speaker_layout.setObjectName(u"speaker_layout")
        self.speaker_layout.setContentsMargins(12, 6, 12, 6)
        self.speaker_label = QLabel(self.speaker_frame)
        self.speaker_label.setObjectName(u"speaker_label")

        self.speaker_layout.addWidget(self.speaker_label)

        self.chips_layout = QHBoxLayout()
        self.chips_layout.setSpacing(6)
        self.chips_layout.setObjectName(u"chips_layout")

        self.speaker_layout.addLayout(self.chips_layout)

        self.speaker_name_label = QLabel(self.speaker_frame)
        self.speaker_name_label.setObjectName(u"speaker_name_label")

        self.speaker_layout.addWidget(self.speaker_name_label)

        self.speaker_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.speaker_layout.addItem(self.speaker_spacer)

        self.speaker_hint_label = QLabel(self.speaker_frame)
        self.speaker_hint_label.setObjectName(u"speaker_hint_label")

        self.speaker_layout.addWidget(self.speaker_hint_label)


        self.page_layout.addWidget(self.speaker_frame)

        self.scroll_area = QScrollArea(IntakeAnalysisPage)
        self.scroll_area.setObjectName(u"scroll_area")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_contents = QWidget()
        self.scroll_contents.setObjectName(u"scroll_contents")
        self.contents_layout = QVBoxLayout(self.scroll_contents)
        self.contents_layout.setSpacing(10)
        self.contents_layout.setObjectName(u"contents_layout")
        self.contents_layout.setContentsMargins(0, 0, 8, 0)
        self.heading_label = QLabel(self.scroll_contents)
        self.heading_label.setObjectName(u"heading_label")

        self.contents_layout.addWidget(self.heading_label)

        self.sections_layout = QVBoxLayout()
        self.sections_layout.setSpacing(10)
        self.sections_layout.setObjectName(u"sections_layout")

        self.contents_layout.addLayout(self.sections_layout)

        self.diagnosis_frame = QFrame(self.scroll_contents)
        self.diagnosis_frame.setObjectName(u"diagnosis_frame")
        self.diagnosis_layout = QVBoxLayout(self.diagnosis_frame)
        self.diagnosis_layout.setSpacing(6)
        self.diagnosis_layout.setObjectName(u"diagnosis_layout")
        self.diagnosis_layout.setContentsMargins(12, 12, 12, 12)
        self.diagnosis_label = QLabel(self.diagnosis_frame)
        self.diagnosis_label.setObjectName(u"diagnosis_label")

        self.diagnosis_layout.addWidget(self.diagnosis_label)

        self.diagnosis_hint_label = QLabel(self.diagnosis_frame)
        self.diagnosis_hint_label.setObjectName(u"diagnosis_hint_label")
        self.diagnosis_hint_label.setWordWrap(True)

        self.diagnosis_layout.addWidget(self.diagnosis_hint_label)

        self.diagnosis_edit = QPlainTextEdit(self.diagnosis_frame)
        self.diagnosis_edit.setObjectName(u"diagnosis_edit")
        self.diagnosis_edit.setTabChangesFocus(True)
        self.diagnosis_edit.setMinimumSize(QSize(0, 110))

        self.diagnosis_layout.addWidget(self.diagnosis_edit)

        self.agreed_check = QCheckBox(self.diagnosis_frame)
        self.agreed_check.setObjectName(u"agreed_check")

        self.diagnosis_layout.addWidget(self.agreed_check)


        self.contents_layout.addWidget(self.diagnosis_frame)

        self.scroll_area.setWidget(self.scroll_contents)

        self.page_layout.addWidget(self.scroll_area)

        self.message_label = QLabel(IntakeAnalysisPage)
        self.message_label.setObjectName(u"message_label")
        self.message_label.setWordWrap(True)
        self.message_label.setVisible(False)

        self.page_layout.addWidget(self.message_label)

        self.page_layout.setStretch(1, 1)
#if QT_CONFIG(shortcut)
        self.diagnosis_label.setBuddy(self.diagnosis_edit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(IntakeAnalysisPage)

        QMetaObject.connectSlotsByName(IntakeAnalysisPage)
    # setupUi

    def retranslateUi(self, IntakeAnalysisPage):
        self.speaker_frame.setProperty(u"role", QCoreApplication.translate("IntakeAnalysisPage", u"card", None))
        self.speaker_label.setText(QCoreApplication.translate("IntakeAnalysisPage", u"Qui parle ?", None))
        self.speaker_label.setProperty(u"role", QCoreApplication.translate("IntakeAnalysisPage", u"heading", None))
        self.speaker_name_label.setText("")
#if QT_CONFIG(accessibility)
        self.speaker_name_label.setAccessibleName(QCoreApplication.translate("IntakeAnalysisPage", u"Auteur des notes saisies", None))
#endif // QT_CONFIG(accessibility)
        self.speaker_hint_label.setText("")
        self.speaker_hint_label.setProperty(u"role", QCoreApplication.translate("IntakeAnalysisPage", u"muted", None))
        self.heading_label.setText(QCoreApplication.translate("IntakeAnalysisPage", u"Analyse partag\u00e9e de la situation (1re \u00e9tape de l'accueil commun)", None))
        self.heading_label.setProperty(u"role", QCoreApplication.translate("IntakeAnalysisPage", u"heading", None))
        self.diagnosis_frame.setProperty(u"role", QCoreApplication.translate("IntakeAnalysisPage", u"card", None))
        self.diagnosis_label.setText(QCoreApplication.translate("IntakeAnalysisPage", u"&Diagnostic partag\u00e9", None))
        self.diagnosis_label.setProperty(u"role", QCoreApplication.translate("IntakeAnalysisPage", u"heading", None))
        self.diagnosis_hint_label.setText(QCoreApplication.translate("IntakeAnalysisPage", u"Ce que tous retiennent de la situation, formul\u00e9 avec le jeune.", None))
        self.diagnosis_hint_label.setProperty(u"role", QCoreApplication.translate("IntakeAnalysisPage", u"muted", None))
#if QT_CONFIG(accessibility)
        self.diagnosis_edit.setAccessibleName(QCoreApplication.translate("IntakeAnalysisPage", u"Diagnostic partag\u00e9", None))
#endif // QT_CONFIG(accessibility)
        self.diagnosis_edit.setPlaceholderText("")
        self.agreed_check.setText(QCoreApplication.translate("IntakeAnalysisPage", u"Tous sont d'&accord avec ce diagnostic", None))
#if QT_CONFIG(accessibility)
        self.agreed_check.setAccessibleName(QCoreApplication.translate("IntakeAnalysisPage", u"Tous sont d'accord avec ce diagnostic", None))
#endif // QT_CONFIG(accessibility)
        self.message_label.setText("")
        self.message_label.setProperty(u"role", QCoreApplication.translate("IntakeAnalysisPage", u"error", None))
        pass
    # retranslateUi
