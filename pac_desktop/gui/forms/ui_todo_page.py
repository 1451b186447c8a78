# generated from ui/casefile/todo_page.ui — do not edit, run python -m pac_desktop.gui.build_forms
# ruff: noqa

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QFrame, QHBoxLayout,
    QHeaderView, QLabel, QScrollArea, QSizePolicy,
    QSpacerItem, QSpinBox, QTableView, QVBoxLayout,
    QWidget)

class Ui_ToDoPage(object):
    def setupUi(self, ToDoPage):
        if not ToDoPage.objectName():
            ToDoPage.setObjectName(u"ToDoPage")
        self.page_layout = QVBoxLayout(ToDoPage)
        self.page_layout.setObjectName(u"page_layout")
        self.page_layout.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = QScrollArea(ToDoPage)
        self.scroll_area.setObjectName(u"scroll_area")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_contents = QWidget()
        self.scroll_contents.setObjectName(u"scroll_contents")
        self.contents_layout = QVBoxLayout(self.scroll_contents)
        self.contents_layout.setSpacing(14)
        self.contents_layout.setObjectName(u"contents_layout")
        self.contents_layout.setContentsMargins(24, 20, 24, 20)
        self.title_layout = QHBoxLayout()
        self.title_layout.setObjectName(u"title_layout")
        self.title_label = QLabel(self.scroll_contents)
        self.title_label.setObjectName(u"title_label")

        self.title_layout.addWidget(self.title_label)

        self.title_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.title_layout.addItem(self.title_spacer)

        self.threshold_label = QLabel(self.scroll_contents)
        self.threshold_label.setObjectName(u"threshold_label")

        self.title_layout.addWidget(self.threshold_label)

        self.no_contact_spin = QSpinBox(self.scroll_contents)
        self.no_contact_spin.setObjectName(u"no_contact_spin")
        self.no_contact_spin.setMinimum(1)
        self.no_contact_spin.setMaximum(365)
        self.no_contact_spin.setValue(30)

        self.title_layout.addWidget(self.no_contact_spin)


        self.contents_layout.addLayout(self.title_layout)

        self.summary_label = QLabel(self.scroll_contents)
        self.summary_label.setObjectName(u"summary_label")
        self.summary_label.setWordWrap(True)

        self.contents_layout.addWidget(self.summary_label)

        self.outcomes_frame = QFrame(self.scroll_contents)
        self.outcomes_frame.setObjectName(u"outcomes_frame")
        self.outcomes_layout = QVBoxLayout(self.outcomes_frame)
        self.outcomes_layout.setSpacing(6)
        self.outcomes_layout.setObjectName(u"outcomes_layout")
        self.outcomes_layout.setContentsMargins(14, 10, 14, 10)
        self.outcomes_title_layout = QHBoxLayout()
        self.outcomes_title_layout.setObjectName(u"outcomes_title_layout")
        self.outcomes_icon_label = QLabel(self.outcomes_frame)
        self.outcomes_icon_label.setObjectName(u"outcomes_icon_label")

        self.outcomes_title_layout.addWidget(self.outcomes_icon_label)

        self.outcomes_title_label = QLabel(self.outcomes_frame)
        self.outcomes_title_label.setObjectName(u"outcomes_title_label")

        self.outcomes_title_layout.addWidget(self.outcomes_title_label)

        self.outcomes_title_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.outcomes_title_layout.addItem(self.outcomes_title_spacer)

        self.outcomes_count_label = QLabel(self.outcomes_frame)
        self.outcomes_count_label.setObjectName(u"outcomes_count_label")

        self.outcomes_title_layout.addWidget(self.outcomes_count_label)


        self.outcomes_layout.addLayout(self.outcomes_title_layout)

        self.outcomes_view = QTableView(self.outcomes_frame)
        self.outcomes_view.setObjectName(u"outcomes_view")
        self.outcomes_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.outcomes_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.outcomes_view.setAlternatingRowColors(True)
        self.outcomes_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.outcomes_view.verticalHeader().setVisible(False)

        self.outcomes_layout.addWidget(self.outcomes_view)

        self.outcomes_empty_label = QLabel(self.outcomes_frame)
        self.outcomes_empty_label.setObjectName(u"outcomes_empty_label")
        self.outcomes_empty_label.setWordWrap(True)

        self.outcomes_layout.addWidget(self.outcomes_empty_label)


        self.contents_layout.addWidget(self.outcomes_frame)

        self.no_contact_frame = QFrame(self.scroll_contents)
        self.no_contact_frame.setObjectName(u"no_contact_frame")
        self.no_contact_layout = QVBoxLayout(self.no_contact_frame)
        self.no_contact_layout.setSpacing(6)
        self.no_contact_layout.setObjectName(u"no_contact_layout")
        self.no_contact_layout.setContentsMargins(14, 10, 14, 10)
        self.no_contact_title_layout = QHBoxLayout()
        self.no_contact_title_layout.setObjectName(u"no_contact_title_layout")
        self.no_contact_icon_label = QLabel(self.no_contact_frame)
        self.no_contact_icon_label.setObjectName(u"no_contact_icon_label")

        self.no_contact_title_layout.addWidget(self.no_contact_icon_label)

        self.no_contact_title_label = QLabel(self.no_contact_frame)
        self.no_contact_title_label.setObjectName(u"no_contact_title_label")

        self.no_contact_title_layout.addWidget(self.no_contact_title_label)

        self.no_contact_title_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.no_contact_title_layout.addItem(self.no_contact_title_spacer)

        self.no_contact_count_label = QLabel(self.no_contact_frame)
        self.no_contact_count_label.setObjectName(u"no_contact_count_label")

        self.no_contact_title_layout.addWidget(self.no_contact_count_label)


        self.no_contact_layout.addLayout(self.no_contact_title_layout)

        self.no_contact_view = QTableView(self.no_contact_frame)
        self.no_contact_view.setObjectName(u"no_contact_view")
        self.no_contact_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.no_contact_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.no_contact_view.setAlternatingRowColors(True)
        self.no_contact_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.no_contact_view.verticalHeader().setVisible(False)

        self.no_contact_layout.addWidget(self.no_contact_view)

        self.no_contact_empty_label = QLabel(self.no_contact_frame)
        self.no_contact_empty_label.setObjectName(u"no_contact_empty_label")
        self.no_contact_empty_label.setWordWrap(True)

        self.no_contact_layout.addWidget(self.no_contact_empty_label)


        self.contents_layout.addWidget(self.no_contact_frame)

        self.appointments_frame = QFrame(self.scroll_contents)
        self.appointments_frame.setObjectName(u"appointments_frame")
        self.appointments_layout = QVBoxLayout(self.appointments_frame)
        self.appointments_layout.setSpacing(6)
        self.appointments_layout.setObjectName(u"appointments_layout")
        self.appointments_layout.setContentsMargins(14, 10, 14, 10)
        self.appointments_title_layout = QHBoxLayout()
        self.appointments_title_layout.setObjectName(u"appointments_title_layout")
        self.appointments_icon_label = QLabel(self.appointments_frame)
        self.appointments_icon_label.setObjectName(u"appointments_icon_label")

        self.appointments_title_layout.addWidget(self.appointments_icon_label)

        self.appointments_title_label = QLabel(self.appointments_frame)
        self.appointments_title_label.setObjectName(u"appointments_title_label")

        self.appointments_title_layout.addWidget(self.appointments_title_label)

        self.appointments_title_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.appointments_title_layout.addItem(self.appointments_title_spacer)

        self.appointments_count_label = QLabel(self.appointments_frame)
        self.appointments_count_label.setObjectName(u"appointments_count_label")

        self.appointments_title_layout.addWidget(self.appointments_count_label)


        self.appointments_layout.addLayout(self.appointments_title_layout)

        self.appointments_view = QTableView(self.appointments_frame)
        self.appointments_view.setObjectName(u"appointments_view")
        self.appointments_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.appointments_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.appointments_view.setAlternatingRowColors(True)
        self.appointments_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.appointments_view.verticalHeader().setVisible(False)

        self.appointments_layout.addWidget(self.appointments_view)

        self.appointments_empty_label = QLabel(self.appointments_frame)
        self.appointments_empty_label.setObjectName(u"appointments_empty_label")
        self.appointments_empty_label.setWordWrap(True)

        self.appointments_layout.addWidget(self.appointments_empty_label)


        self.contents_layout.addWidget(self.appointments_frame)

        self.contents_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.contents_layout.addItem(self.contents_spacer)

        self.scroll_area.setWidget(self.scroll_contents)

        self.page_layout.addWidget(self.scroll_area)

#if QT_CONFIG(shortcut)
        self.threshold_label.setBuddy(self.no_contact_spin)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ToDoPage)

        QMetaObject.connectSlotsByName(ToDoPage)
    # setupUi

    def retranslateUi(self, ToDoPage):
        ToDoPage.setWindowTitle(QCoreApplication.translate("ToDoPage", u"\u00c0 faire", None))
        self.title_label.setText(QCoreApplication.translate("ToDoPage", u"\u00c0 faire", None))
        self.title_label.setProperty(u"role", QCoreApplication.translate("ToDoPage", u"title", None))
        self.threshold_label.setText(QCoreApplication.translate("ToDoPage", u"Suivis sans contact depuis plus de", None))
        self.no_contact_spin.setSuffix(QCoreApplication.translate("ToDoPage", u" jours", None))
#if QT_CONFIG(accessibility)
        self.no_contact_spin.setAccessibleName(QCoreApplication.translate("ToDoPage", u"D\u00e9lai sans contact", None))
#endif // QT_CONFIG(accessibility)
        self.summary_label.setText("")
        self.summary_label.setProperty(u"role", QCoreApplication.translate("ToDoPage", u"muted", None))
        self.outcomes_frame.setProperty(u"role", QCoreApplication.translate("ToDoPage", u"card", None))
        self.outcomes_icon_label.setText("")
        self.outcomes_title_label.setText(QCoreApplication.translate("ToDoPage", u"Situations \u00e0 renseigner", None))
        self.outcomes_title_label.setProperty(u"role", QCoreApplication.translate("ToDoPage", u"heading", None))
        self.outcomes_count_label.setText("")
        self.outcomes_count_label.setProperty(u"role", QCoreApplication.translate("ToDoPage", u"muted", None))
        self.outcomes_empty_label.setText(QCoreApplication.translate("ToDoPage", u"Aucune situation \u00e0 renseigner dans les 14 prochains jours.", None))
        self.outcomes_empty_label.setProperty(u"role", QCoreApplication.translate("ToDoPage", u"muted", None))
        self.no_contact_frame.setProperty(u"role", QCoreApplication.translate("ToDoPage", u"card", None))
        self.no_contact_icon_label.setText("")
        self.no_contact_title_label.setText(QCoreApplication.translate("ToDoPage", u"Suivis sans contact", None))
        self.no_contact_title_label.setProperty(u"role", QCoreApplication.translate("ToDoPage", u"heading", None))
        self.no_contact_count_label.setText("")
        self.no_contact_count_label.setProperty(u"role", QCoreApplication.translate("ToDoPage", u"muted", None))
        self.no_contact_empty_label.setText(QCoreApplication.translate("ToDoPage", u"Tous vos jeunes ont eu un contact r\u00e9cent.", None))
        self.no_contact_empty_label.setProperty(u"role", QCoreApplication.translate("ToDoPage", u"muted", None))
        self.appointments_frame.setProperty(u"role", QCoreApplication.translate("ToDoPage", u"card", None))
        self.appointments_icon_label.setText("")
        self.appointments_title_label.setText(QCoreApplication.translate("ToDoPage", u"Prochains rendez-vous", None))
        self.appointments_title_label.setProperty(u"role", QCoreApplication.translate("ToDoPage", u"heading", None))
        self.appointments_count_label.setText("")
        self.appointments_count_label.setProperty(u"role", QCoreApplication.translate("ToDoPage", u"muted", None))
        self.appointments_empty_label.setText(QCoreApplication.translate("ToDoPage", u"Aucun rendez-vous \u00e0 venir.", None))
        self.appointments_empty_label.setProperty(u"role", QCoreApplication.translate("ToDoPage", u"muted", None))
    # retranslateUi
