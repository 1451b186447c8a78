# generated from ui/home_page.ui — do not edit, run python -m pac_desktop.gui.build_forms
# ruff: noqa

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QFrame, QGridLayout,
    QHBoxLayout, QHeaderView, QLabel, QProgressBar,
    QPushButton, QScrollArea, QSizePolicy, QSpacerItem,
    QTableView, QVBoxLayout, QWidget)

from pac_desktop.gui.widgets import PageContents

class Ui_HomePage(object):
    def setupUi(self, HomePage):
        if not HomePage.objectName():
            HomePage.setObjectName(u"HomePage")
        HomePage.resize(1100, 680)
        self.page_layout = QVBoxLayout(HomePage)
        self.page_layout.setObjectName(u"page_layout")
        self.page_layout.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = QScrollArea(HomePage)
        self.scroll_area.setObjectName(u"scroll_area")
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_contents = PageContents()
        self.scroll_contents.setObjectName(u"scroll_contents")
        self.contents_layout = QVBoxLayout(self.scroll_contents)
        self.contents_layout.setSpacing(16)
        self.contents_layout.setObjectName(u"contents_layout")
        self.contents_layout.setContentsMargins(24, 20, 24, 20)
        self.top_layout = QHBoxLayout()
        self.top_layout.setSpacing(16)
        self.top_layout.setObjectName(u"top_layout")
        self.greeting_layout = QVBoxLayout()
        self.greeting_layout.setSpacing(4)
        self.greeting_layout.setObjectName(u"greeting_layout")
        self.greeting_label = QLabel(self.scroll_contents)
        self.greeting_label.setObjectName(u"greeting_label")

        self.greeting_layout.addWidget(self.greeting_label)

        self.date_label = QLabel(self.scroll_contents)
        self.date_label.setObjectName(u"date_label")

        self.greeting_layout.addWidget(self.date_label)

        self.greeting_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.greeting_layout.addItem(self.greeting_spacer)


        self.top_layout.addLayout(self.greeting_layout)

        self.top_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.top_layout.addItem(self.top_spacer)

        self.caseload_frame = QFrame(self.scroll_contents)
        self.caseload_frame.setObjectName(u"caseload_frame")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.caseload_frame.sizePolicy().hasHeightForWidth())
        self.caseload_frame.setSizePolicy(sizePolicy)
        self.caseload_frame.setMinimumSize(QSize(320, 0))
        self.caseload_layout = QGridLayout(self.caseload_frame)
        self.caseload_layout.setObjectName(u"caseload_layout")
        self.caseload_layout.setHorizontalSpacing(10)
        self.caseload_layout.setVerticalSpacing(6)
        self.caseload_layout.setContentsMargins(14, 10, 14, 12)
        self.caseload_icon_label = QLabel(self.caseload_frame)
        self.caseload_icon_label.setObjectName(u"caseload_icon_label")

        self.caseload_layout.addWidget(self.caseload_icon_label, 0, 0, 1, 1)

        self.caseload_title_label = QLabel(self.caseload_frame)
        self.caseload_title_label.setObjectName(u"caseload_title_label")

        self.caseload_layout.addWidget(self.caseload_title_label, 0, 1, 1, 1)

        self.caseload_label = QLabel(self.caseload_frame)
        self.caseload_label.setObjectName(u"caseload_label")
        self.caseload_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.caseload_layout.addWidget(self.caseload_label, 0, 2, 1, 1)

        self.caseload_bar = QProgressBar(self.caseload_frame)
        self.caseload_bar.setObjectName(u"caseload_bar")
        self.caseload_bar.setTextVisible(False)

        self.caseload_layout.addWidget(self.caseload_bar, 1, 0, 1, 3)

        self.caseload_note_label = QLabel(self.caseload_frame)
        self.caseload_note_label.setObjectName(u"caseload_note_label")
        self.caseload_note_label.setWordWrap(True)

        self.caseload_layout.addWidget(self.caseload_note_label, 2, 0, 1, 3)


        self.top_layout.addWidget(self.caseload_frame)


        self.contents_layout.addLayout(self.top_layout)

        self.status_frame = QFrame(self.scroll_contents)
        self.status_frame.setObjectName(u"status_frame")
        self.status_layout = QHBoxLayout(self.status_frame)
        self.status_layout.setSpacing(10)
        self.status_layout.setObjectName(u"status_layout")
        self.status_layout.setContentsMargins(12, 8, 12, 8)
        self.status_icon_label = QLabel(self.status_frame)
        self.status_icon_label.setObjectName(u"status_icon_label")

        self.status_layout.addWidget(self.status_icon_label)

        self.status_label = QLabel(self.status_frame)
        self.status_label.setObjectName(u"status_label")
        self.status_label.setWordWrap(True)
        sizePolicy1 = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy1.setHorizontalStretch(1)
        sizePolicy1.setVerticalStretch(0)
        sizePolicy1.setHeightForWidth(self.status_label.sizePolicy().hasHeightForWidth())
        self.status_label.setSizePolicy(sizePolicy1)

        self.status_layout.addWidget(self.status_label)

        self.retry_button = QPushButton(self.status_frame)
        self.retry_button.setObjectName(u"retry_button")
        self.retry_button.setAutoDefault(False)

        self.status_layout.addWidget(self.retry_button)


        self.contents_layout.addWidget(self.status_frame)

        self.cards_layout = QGridLayout()
        self.cards_layout.setObjectName(u"cards_layout")
        self.cards_layout.setHorizontalSpacing(16)
        self.cards_layout.setVerticalSpacing(16)
        self.planned_frame = QFrame(self.scroll_contents)
        self.planned_frame.setObjectName(u"planned_frame")
        self.planned_layout = QVBoxLayout(self.planned_frame)
        self.planned_layout.setSpacing(8)
        self.planned_layout.setObjectName(u"planned_layout")
        self.planned_layout.setContentsMargins(14, 12, 14, 12)
        self.planned_header_layout = QHBoxLayout()
        self.planned_header_layout.setSpacing(8)
        self.planned_header_layout.setObjectName(u"planned_header_layout")
        self.planned_icon_label = QLabel(self.planned_frame)
        self.planned_icon_label.setObjectName(u"planned_icon_label")

        self.planned_header_layout.addWidget(self.planned_icon_label)

        self.planned_title_label = QLabel(self.planned_frame)
        self.planned_title_label.setObjectName(u"planned_title_label")

        self.planned_header_layout.addWidget(self.planned_title_label)

        self.planned_header_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.planned_header_layout.addItem(self.planned_header_spacer)

        self.planned_count_label = QLabel(self.planned_frame)
        self.planned_count_label.setObjectName(u"planned_count_label")

        self.planned_header_layout.addWidget(self.planned_count_label)


        self.planned_layout.addLayout(self.planned_header_layout)

        self.planned_view = QTableView(self.planned_frame)
        self.planned_view.setObjectName(u"planned_view")
        self.planned_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.planned_view.setTabKeyNavigation(False)
        self.planned_view.setAlternatingRowColors(True)
        self.planned_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.planned_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.planned_view.setShowGrid(False)
        self.planned_view.setWordWrap(False)
        self.planned_view.setCornerButtonEnabled(False)
        self.planned_view.horizontalHeader().setHighlightSections(False)
        self.planned_view.horizontalHeader().setStretchLastSection(True)
        self.planned_view.verticalHeader().setVisible(False)

        self.planned_layout.addWidget(self.planned_view)

        self.planned_empty_label = QLabel(self.planned_frame)
        self.planned_empty_label.setObjectName(u"planned_empty_label")
        self.planned_empty_label.setWordWrap(True)
        self.planned_empty_label.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)

        self.planned_layout.addWidget(self.planned_empty_label)


        self.cards_layout.addWidget(self.planned_frame, 0, 0, 1, 1)

        self.in_progress_frame = QFrame(self.scroll_contents)
        self.in_progress_frame.setObjectName(u"in_progress_frame")
        self.in_progress_layout = QVBoxLayout(self.in_progress_frame)
        self.in_progress_layout.setSpacing(8)
        self.in_progress_layout.setObjectName(u"in_progress_layout")
        self.in_progress_layout.setContentsMargins(14, 12, 14, 12)
        self.in_progress_header_layout = QHBoxLayout()
        self.in_progress_header_layout.setSpacing(8)
        self.in_progress_header_layout.setObjectName(u"in_progress_header_layout")
        self.in_progress_icon_label = QLabel(self.in_progress_frame)
        self.in_progress_icon_label.setObjectName(u"in_progress_icon_label")

        self.in_progress_header_layout.addWidget(self.in_progress_icon_label)

        self.in_progress_title_label = QLabel(self.in_progress_frame)
        self.in_progress_title_label.setObjectName(u"in_progress_title_label")

        self.in_progress_header_layout.addWidget(self.in_progress_title_label)

        self.in_progress_header_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.in_progress_header_layout.addItem(self.in_progress_header_spacer)

        self.in_progress_count_label = QLabel(self.in_progress_frame)
        self.in_progress_count_label.setObjectName(u"in_progress_count_label")

        self.in_progress_header_layout.addWidget(self.in_progress_count_label)


        self.in_progress_layout.addLayout(self.in_progress_header_layout)

        self.in_progress_view = QTableView(self.in_progress_frame)
        self.in_progress_view.setObjectName(u"in_progress_view")
        self.in_progress_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.in_progress_view.setTabKeyNavigation(False)
        self.in_progress_view.setAlternatingRowColors(True)
        self.in_progress_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.in_progress_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.in_progress_view.setShowGrid(False)
        self.in_progress_view.setWordWrap(False)
        self.in_progress_view.setCornerButtonEnabled(False)
        self.in_progress_view.horizontalHeader().setHighlightSections(False)
        self.in_progress_view.horizontalHeader().setStretchLastSection(True)
        self.in_progress_view.verticalHeader().setVisible(False)

        self.in_progress_layout.addWidget(self.in_progress_view)

        self.in_progress_empty_label = QLabel(self.in_progress_frame)
        self.in_progress_empty_label.setObjectName(u"in_progress_empty_label")
        self.in_progress_empty_label.setWordWrap(True)
        self.in_progress_empty_label.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)

        self.in_progress_layout.addWidget(self.in_progress_empty_label)


        self.cards_layout.addWidget(self.in_progress_frame, 0, 1, 1, 1)

        self.outcomes_frame = QFrame(self.scroll_contents)
        self.outcomes_frame.setObjectName(u"outcomes_frame")
        self.outcomes_layout = QVBoxLayout(self.outcomes_frame)
        self.outcomes_layout.setSpacing(8)
        self.outcomes_layout.setObjectName(u"outcomes_layout")
        self.outcomes_layout.setContentsMargins(14, 12, 14, 12)
        self.outcomes_header_layout = QHBoxLayout()
        self.outcomes_header_layout.setSpacing(8)
        self.outcomes_header_layout.setObjectName(u"outcomes_header_layout")
        self.outcomes_icon_label = QLabel(self.outcomes_frame)
        self.outcomes_icon_label.setObjectName(u"outcomes_icon_label")

        self.outcomes_header_layout.addWidget(self.outcomes_icon_label)

        self.outcomes_title_label = QLabel(self.outcomes_frame)
        self.outcomes_title_label.setObjectName(u"outcomes_title_label")

        self.outcomes_header_layout.addWidget(self.outcomes_title_label)

        self.outcomes_header_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.outcomes_header_layout.addItem(self.outcomes_header_spacer)

        self.outcomes_overdue_icon_label = QLabel(self.outcomes_frame)
        self.outcomes_overdue_icon_label.setObjectName(u"outcomes_overdue_icon_label")

        self.outcomes_header_layout.addWidget(self.outcomes_overdue_icon_label)

        self.outcomes_overdue_label = QLabel(self.outcomes_frame)
        self.outcomes_overdue_label.setObjectName(u"outcomes_overdue_label")

        self.outcomes_header_layout.addWidget(self.outcomes_overdue_label)

        self.outcomes_count_label = QLabel(self.outcomes_frame)
        self.outcomes_count_label.setObjectName(u"outcomes_count_label")

        self.outcomes_header_layout.addWidget(self.outcomes_count_label)


        self.outcomes_layout.addLayout(self.outcomes_header_layout)

        self.outcomes_view = QTableView(self.outcomes_frame)
        self.outcomes_view.setObjectName(u"outcomes_view")
        self.outcomes_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.outcomes_view.setTabKeyNavigation(False)
        self.outcomes_view.setAlternatingRowColors(True)
        self.outcomes_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.outcomes_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.outcomes_view.setShowGrid(False)
        self.outcomes_view.setWordWrap(False)
        self.outcomes_view.setCornerButtonEnabled(False)
        self.outcomes_view.horizontalHeader().setHighlightSections(False)
        self.outcomes_view.horizontalHeader().setStretchLastSection(True)
        self.outcomes_view.verticalHeader().setVisible(False)

        self.outcomes_layout.addWidget(self.outcomes_view)

        self.outcomes_empty_label = QLabel(self.outcomes_frame)
        self.outcomes_empty_label.setObjectName(u"outcomes_empty_label")
        self.outcomes_empty_label.setWordWrap(True)
        self.outcomes_empty_label.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)

        self.outcomes_layout.addWidget(self.outcomes_empty_label)


        self.cards_layout.addWidget(self.outcomes_frame, 1, 0, 1, 2)

        self.cards_layout.setRowStretch(0, 1)
        self.cards_layout.setRowStretch(1, 1)
        self.cards_layout.setColumnStretch(0, 1)
        self.cards_layout.setColumnStretch(1, 1)

        self.contents_layout.addLayout(self.cards_layout)

        self.contents_layout.setStretch(2, 1)
        self.scroll_area.setWidget(self.scroll_contents)

        self.page_layout.addWidget(self.scroll_area)

        QWidget.setTabOrder(self.planned_view, self.in_progress_view)
        QWidget.setTabOrder(self.in_progress_view, self.outcomes_view)
        QWidget.setTabOrder(self.outcomes_view, self.retry_button)

        self.retranslateUi(HomePage)

        QMetaObject.connectSlotsByName(HomePage)
    # setupUi

    def retranslateUi(self, HomePage):
        HomePage.setWindowTitle(QCoreApplication.translate("HomePage", u"Accueil", None))
        self.greeting_label.setProperty(u"role", QCoreApplication.translate("HomePage", u"title", None))
        self.date_label.setProperty(u"role", QCoreApplication.translate("HomePage", u"muted", None))
        self.caseload_frame.setProperty(u"role", QCoreApplication.translate("HomePage", u"card", None))
        self.caseload_title_label.setText(QCoreApplication.translate("HomePage", u"Jeunes suivis", None))
        self.caseload_title_label.setProperty(u"role", QCoreApplication.translate("HomePage", u"heading", None))
        self.caseload_label.setProperty(u"role", QCoreApplication.translate("HomePage", u"figure", None))
#if QT_CONFIG(accessibility)
        self.caseload_bar.setAccessibleName(QCoreApplication.translate("HomePage", u"Jeunes suivis par rapport au plafond", None))
#endif // QT_CONFIG(accessibility)
        self.caseload_note_label.setProperty(u"role", QCoreApplication.translate("HomePage", u"muted", None))
        self.status_frame.setProperty(u"role", QCoreApplication.translate("HomePage", u"notice", None))
        self.retry_button.setText(QCoreApplication.translate("HomePage", u"&R\u00e9essayer", None))
        self.planned_frame.setProperty(u"role", QCoreApplication.translate("HomePage", u"card", None))
        self.planned_title_label.setText(QCoreApplication.translate("HomePage", u"Accueils planifi\u00e9s", None))
        self.planned_title_label.setProperty(u"role", QCoreApplication.translate("HomePage", u"heading", None))
        self.planned_count_label.setProperty(u"role", QCoreApplication.translate("HomePage", u"muted", None))
#if QT_CONFIG(accessibility)
        self.planned_view.setAccessibleName(QCoreApplication.translate("HomePage", u"Accueils planifi\u00e9s", None))
#endif // QT_CONFIG(accessibility)
        self.planned_empty_label.setProperty(u"role", QCoreApplication.translate("HomePage", u"muted", None))
        self.in_progress_frame.setProperty(u"role", QCoreApplication.translate("HomePage", u"card", None))
        self.in_progress_title_label.setText(QCoreApplication.translate("HomePage", u"Accueils en cours", None))
        self.in_progress_title_label.setProperty(u"role", QCoreApplication.translate("HomePage", u"heading", None))
        self.in_progress_count_label.setProperty(u"role", QCoreApplication.translate("HomePage", u"muted", None))
#if QT_CONFIG(accessibility)
        self.in_progress_view.setAccessibleName(QCoreApplication.translate("HomePage", u"Accueils en cours", None))
#endif // QT_CONFIG(accessibility)
        self.in_progress_empty_label.setProperty(u"role", QCoreApplication.translate("HomePage", u"muted", None))
        self.outcomes_frame.setProperty(u"role", QCoreApplication.translate("HomePage", u"card", None))
        self.outcomes_title_label.setText(QCoreApplication.translate("HomePage", u"R\u00e9sultats \u00e0 renseigner", None))
        self.outcomes_title_label.setProperty(u"role", QCoreApplication.translate("HomePage", u"heading", None))
        self.outcomes_overdue_label.setProperty(u"role", QCoreApplication.translate("HomePage", u"warning", None))
        self.outcomes_count_label.setProperty(u"role", QCoreApplication.translate("HomePage", u"muted", None))
#if QT_CONFIG(accessibility)
        self.outcomes_view.setAccessibleName(QCoreApplication.translate("HomePage", u"R\u00e9sultats \u00e0 renseigner", None))
#endif // QT_CONFIG(accessibility)
        self.outcomes_empty_label.setProperty(u"role", QCoreApplication.translate("HomePage", u"muted", None))
    # retranslateUi
