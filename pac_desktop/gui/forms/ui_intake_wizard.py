# generated from ui/intake/intake_wizard.ui — do not edit, run python -m pac_desktop.gui.build_forms
# ruff: noqa

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QFrame, QHBoxLayout,
    QLabel, QListView, QPushButton, QSizePolicy,
    QSpacerItem, QStackedWidget, QVBoxLayout, QWidget)

class Ui_IntakeWizard(object):
    def setupUi(self, IntakeWizard):
        if not IntakeWizard.objectName():
            IntakeWizard.setObjectName(u"IntakeWizard")
        self.wizard_layout = QVBoxLayout(IntakeWizard)
        self.wizard_layout.setSpacing(0)
        self.wizard_layout.setObjectName(u"wizard_layout")
        self.wizard_layout.setContentsMargins(0, 0, 0, 0)
        self.header_frame = QFrame(IntakeWizard)
        self.header_frame.setObjectName(u"header_frame")
        self.header_layout = QHBoxLayout(self.header_frame)
        self.header_layout.setSpacing(12)
        self.header_layout.setObjectName(u"header_layout")
        self.header_layout.setContentsMargins(16, 8, 16, 8)
        self.title_label = QLabel(self.header_frame)
        self.title_label.setObjectName(u"title_label")

        self.header_layout.addWidget(self.title_label)

        self.state_label = QLabel(self.header_frame)
        self.state_label.setObjectName(u"state_label")

        self.header_layout.addWidget(self.state_label)

        self.header_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.header_layout.addItem(self.header_spacer)

        self.saved_icon_label = QLabel(self.header_frame)
        self.saved_icon_label.setObjectName(u"saved_icon_label")

        self.header_layout.addWidget(self.saved_icon_label)

        self.saved_label = QLabel(self.header_frame)
        self.saved_label.setObjectName(u"saved_label")

        self.header_layout.addWidget(self.saved_label)

        self.close_button = QPushButton(self.header_frame)
        self.close_button.setObjectName(u"close_button")

        self.header_layout.addWidget(self.close_button)


        self.wizard_layout.addWidget(self.header_frame)

        self.error_frame = QFrame(IntakeWizard)
        self.error_frame.setObjectName(u"error_frame")
        self.error_frame.setVisible(False)
        self.error_layout = QHBoxLayout(self.error_frame)
        self.error_layout.setObjectName(u"error_layout")
        self.error_layout.setContentsMargins(8, 8, 8, 8)
        self.error_label = QLabel(self.error_frame)
        self.error_label.setObjectName(u"error_label")
        self.error_label.setWordWrap(True)

        self.error_layout.addWidget(self.error_label)


        self.wizard_layout.addWidget(self.error_frame)

        self.body_layout = QHBoxLayout()
        self.body_layout.setSpacing(8)
        self.body_layout.setObjectName(u"body_layout")
        self.steps_layout = QVBoxLayout()
        self.steps_layout.setSpacing(8)
        self.steps_layout.setObjectName(u"steps_layout")
        self.steps_layout.setContentsMargins(12, 12, 0, 12)
        self.steps_label = QLabel(IntakeWizard)
        self.steps_label.setObjectName(u"steps_label")

        self.steps_layout.addWidget(self.steps_label)

        self.step_view = QListView(IntakeWizard)
        self.step_view.setObjectName(u"step_view")
        self.step_view.setMinimumSize(QSize(180, 0))
        self.step_view.setMaximumSize(QSize(210, 16777215))
        self.step_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.step_view.setTabKeyNavigation(False)

        self.steps_layout.addWidget(self.step_view)

        self.nav_buttons_layout = QHBoxLayout()
        self.nav_buttons_layout.setObjectName(u"nav_buttons_layout")
        self.previous_button = QPushButton(IntakeWizard)
        self.previous_button.setObjectName(u"previous_button")

        self.nav_buttons_layout.addWidget(self.previous_button)

        self.next_button = QPushButton(IntakeWizard)
        self.next_button.setObjectName(u"next_button")

        self.nav_buttons_layout.addWidget(self.next_button)


        self.steps_layout.addLayout(self.nav_buttons_layout)


        self.body_layout.addLayout(self.steps_layout)

        self.page_stack = QStackedWidget(IntakeWizard)
        self.page_stack.setObjectName(u"page_stack")

        self.body_layout.addWidget(self.page_stack)

        self.body_layout.setStretch(1, 1)

        self.wizard_layout.addLayout(self.body_layout)

        self.wizard_layout.setStretch(2, 1)
        QWidget.setTabOrder(self.step_view, self.previous_button)
        QWidget.setTabOrder(self.previous_button, self.next_button)
        QWidget.setTabOrder(self.next_button, self.close_button)

        self.retranslateUi(IntakeWizard)

        QMetaObject.connectSlotsByName(IntakeWizard)
    # setupUi

    def retranslateUi(self, IntakeWizard):
        IntakeWizard.setWindowTitle(QCoreApplication.translate("IntakeWizard", u"Accueil commun", None))
        self.header_frame.setProperty(u"role", QCoreApplication.translate("IntakeWizard", u"header", None))
        self.title_label.setText(QCoreApplication.translate("IntakeWizard", u"Accueil commun", None))
        self.title_label.setProperty(u"role", QCoreApplication.translate("IntakeWizard", u"heading", None))
#if QT_CONFIG(accessibility)
        self.title_label.setAccessibleName(QCoreApplication.translate("IntakeWizard", u"Accueil commun", None))
#endif // QT_CONFIG(accessibility)
        self.state_label.setText("")
        self.state_label.setProperty(u"role", QCoreApplication.translate("IntakeWizard", u"muted", None))
        self.saved_icon_label.setText("")
        self.saved_label.setText("")
        self.saved_label.setProperty(u"role", QCoreApplication.translate("IntakeWizard", u"muted", None))
#if QT_CONFIG(accessibility)
        self.saved_label.setAccessibleName(QCoreApplication.translate("IntakeWizard", u"\u00c9tat de l'enregistrement", None))
#endif // QT_CONFIG(accessibility)
        self.close_button.setText(QCoreApplication.translate("IntakeWizard", u"R&eprendre plus tard", None))
#if QT_CONFIG(accessibility)
        self.close_button.setAccessibleName(QCoreApplication.translate("IntakeWizard", u"Reprendre plus tard", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.close_button.setToolTip(QCoreApplication.translate("IntakeWizard", u"Revenir \u00e0 la liste des accueils en cours : tout est d\u00e9j\u00e0 enregistr\u00e9.", None))
#endif // QT_CONFIG(tooltip)
        self.error_frame.setProperty(u"role", QCoreApplication.translate("IntakeWizard", u"error_box", None))
        self.error_label.setText("")
        self.error_label.setProperty(u"role", QCoreApplication.translate("IntakeWizard", u"error", None))
        self.steps_label.setText(QCoreApplication.translate("IntakeWizard", u"\u00c9tapes", None))
        self.steps_label.setProperty(u"role", QCoreApplication.translate("IntakeWizard", u"muted", None))
#if QT_CONFIG(accessibility)
        self.step_view.setAccessibleName(QCoreApplication.translate("IntakeWizard", u"\u00c9tapes de l'accueil commun", None))
#endif // QT_CONFIG(accessibility)
        self.previous_button.setText(QCoreApplication.translate("IntakeWizard", u"\u25c2 Pr\u00e9c\u00e9dent", None))
#if QT_CONFIG(accessibility)
        self.previous_button.setAccessibleName(QCoreApplication.translate("IntakeWizard", u"\u00c9tape pr\u00e9c\u00e9dente", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.previous_button.setToolTip(QCoreApplication.translate("IntakeWizard", u"\u00c9tape pr\u00e9c\u00e9dente (Alt+Gauche)", None))
#endif // QT_CONFIG(tooltip)
        self.next_button.setText(QCoreApplication.translate("IntakeWizard", u"Suivant \u25b8", None))
#if QT_CONFIG(accessibility)
        self.next_button.setAccessibleName(QCoreApplication.translate("IntakeWizard", u"\u00c9tape suivante", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.next_button.setToolTip(QCoreApplication.translate("IntakeWizard", u"\u00c9tape suivante (Alt+Droite)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.page_stack.setAccessibleName(QCoreApplication.translate("IntakeWizard", u"\u00c9tape en cours", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi
