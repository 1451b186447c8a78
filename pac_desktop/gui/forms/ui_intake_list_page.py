# generated from ui/intake/intake_list_page.ui — do not edit, run python -m pac_desktop.gui.build_forms
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

class Ui_IntakeListPage(object):
    def setupUi(self, IntakeListPage):
        if not IntakeListPage.objectName():
            IntakeListPage.setObjectName(u"IntakeListPage")
        self.page_layout = QVBoxLayout(IntakeListPage)
        self.page_layout.setSpacing(12)
        self.page_layout.setObjectName(u"page_layout")
        self.page_layout.setContentsMargins(24, 20, 24, 20)
        self.title_layout = QHBoxLayout()
        self.title_layout.setObjectName(u"title_layout")
        self.title_label = QLabel(IntakeListPage)
        self.title_label.setObjectName(u"title_label")

        self.title_layout.addWidget(self.title_label)

        self.title_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.title_layout.addItem(self.title_spacer)

        self.count_label = QLabel(IntakeListPage)
        self.count_label.setObjectName(u"count_label")

        self.title_layout.addWidget(self.count_label)


        self.page_layout.addLayout(self.title_layout)

        self.intro_label = QLabel(IntakeListPage)
        self.intro_label.setObjectName(u"intro_label")
        self.intro_label.setWordWrap(True)

        self.page_layout.addWidget(self.intro_label)

        self.actions_layout = QHBoxLayout()
        self.actions_layout.setObjectName(u"actions_layout")
        self.new_button = QPushButton(IntakeListPage)
        self.new_button.setObjectName(u"new_button")

        self.actions_layout.addWidget(self.new_button)

        self.resume_button = QPushButton(IntakeListPage)
        self.resume_button.setObjectName(u"resume_button")

        self.actions_layout.addWidget(self.resume_button)

        self.refresh_button = QPushButton(IntakeListPage)
        self.refresh_button.setObjectName(u"refresh_button")

        self.actions_layout.addWidget(self.refresh_button)

        self.actions_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.actions_layout.addItem(self.actions_spacer)


        self.page_layout.addLayout(self.actions_layout)

        self.intakes_view = QTableView(IntakeListPage)
        self.intakes_view.setObjectName(u"intakes_view")
        self.intakes_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.intakes_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.intakes_view.setAlternatingRowColors(True)
        self.intakes_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.intakes_view.setTabKeyNavigation(False)
        self.intakes_view.verticalHeader().setVisible(False)

        self.page_layout.addWidget(self.intakes_view)

        self.empty_label = QLabel(IntakeListPage)
        self.empty_label.setObjectName(u"empty_label")
        self.empty_label.setWordWrap(True)

        self.page_layout.addWidget(self.empty_label)

        self.message_label = QLabel(IntakeListPage)
        self.message_label.setObjectName(u"message_label")
        self.message_label.setWordWrap(True)
        self.message_label.setVisible(False)

        self.page_layout.addWidget(self.message_label)

        self.page_layout.setStretch(3, 1)
        QWidget.setTabOrder(self.new_button, self.intakes_view)
        QWidget.setTabOrder(self.intakes_view, self.resume_button)
        QWidget.setTabOrder(self.resume_button, self.refresh_button)

        self.retranslateUi(IntakeListPage)

        self.new_button.setDefault(True)


        QMetaObject.connectSlotsByName(IntakeListPage)
    # setupUi

    def retranslateUi(self, IntakeListPage):
        IntakeListPage.setWindowTitle(QCoreApplication.translate("IntakeListPage", u"Accueils", None))
        self.title_label.setText(QCoreApplication.translate("IntakeListPage", u"Accueils en cours", None))
        self.title_label.setProperty(u"role", QCoreApplication.translate("IntakeListPage", u"title", None))
        self.count_label.setText("")
        self.count_label.setProperty(u"role", QCoreApplication.translate("IntakeListPage", u"muted", None))
        self.intro_label.setText(QCoreApplication.translate("IntakeListPage", u"Les accueils communs commenc\u00e9s et pas encore valid\u00e9s. Tout y est enregistr\u00e9 au fil de la saisie : reprenez-en un \u00e0 l'\u00e9tape o\u00f9 il a \u00e9t\u00e9 laiss\u00e9.", None))
        self.intro_label.setProperty(u"role", QCoreApplication.translate("IntakeListPage", u"muted", None))
        self.new_button.setText(QCoreApplication.translate("IntakeListPage", u"&Nouvel accueil", None))
#if QT_CONFIG(accessibility)
        self.new_button.setAccessibleName(QCoreApplication.translate("IntakeListPage", u"Nouvel accueil", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.new_button.setToolTip(QCoreApplication.translate("IntakeListPage", u"Rechercher le jeune, puis commencer l'accueil (Ctrl+N)", None))
#endif // QT_CONFIG(tooltip)
        self.resume_button.setText(QCoreApplication.translate("IntakeListPage", u"&Reprendre l'accueil", None))
#if QT_CONFIG(accessibility)
        self.resume_button.setAccessibleName(QCoreApplication.translate("IntakeListPage", u"Reprendre l'accueil", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.resume_button.setToolTip(QCoreApplication.translate("IntakeListPage", u"Reprendre l'accueil choisi (Entr\u00e9e)", None))
#endif // QT_CONFIG(tooltip)
        self.refresh_button.setText(QCoreApplication.translate("IntakeListPage", u"&Actualiser", None))
#if QT_CONFIG(accessibility)
        self.refresh_button.setAccessibleName(QCoreApplication.translate("IntakeListPage", u"Actualiser", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.intakes_view.setAccessibleName(QCoreApplication.translate("IntakeListPage", u"Accueils en cours", None))
#endif // QT_CONFIG(accessibility)
        self.empty_label.setText(QCoreApplication.translate("IntakeListPage", u"Aucun accueil en cours. \u00ab Nouvel accueil \u00bb en commence un.", None))
        self.empty_label.setProperty(u"role", QCoreApplication.translate("IntakeListPage", u"muted", None))
        self.message_label.setText("")
        self.message_label.setProperty(u"role", QCoreApplication.translate("IntakeListPage", u"error", None))
    # retranslateUi
