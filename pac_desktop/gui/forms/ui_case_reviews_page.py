# generated from ui/casefile/case_reviews_page.ui — do not edit, run python -m pac_desktop.gui.build_forms
# ruff: noqa

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QFrame, QHBoxLayout,
    QHeaderView, QLabel, QPlainTextEdit, QPushButton,
    QSizePolicy, QSpacerItem, QTableView, QVBoxLayout,
    QWidget)

class Ui_CaseReviewsPage(object):
    def setupUi(self, CaseReviewsPage):
        if not CaseReviewsPage.objectName():
            CaseReviewsPage.setObjectName(u"CaseReviewsPage")
        self.page_layout = QVBoxLayout(CaseReviewsPage)
        self.page_layout.setSpacing(12)
        self.page_layout.setObjectName(u"page_layout")
        self.page_layout.setContentsMargins(24, 20, 24, 20)
        self.title_layout = QHBoxLayout()
        self.title_layout.setObjectName(u"title_layout")
        self.title_label = QLabel(CaseReviewsPage)
        self.title_label.setObjectName(u"title_label")

        self.title_layout.addWidget(self.title_label)

        self.title_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.title_layout.addItem(self.title_spacer)

        self.plan_button = QPushButton(CaseReviewsPage)
        self.plan_button.setObjectName(u"plan_button")

        self.title_layout.addWidget(self.plan_button)


        self.page_layout.addLayout(self.title_layout)

        self.body_layout = QHBoxLayout()
        self.body_layout.setSpacing(16)
        self.body_layout.setObjectName(u"body_layout")
        self.list_layout = QVBoxLayout()
        self.list_layout.setObjectName(u"list_layout")
        self.reviews_view = QTableView(CaseReviewsPage)
        self.reviews_view.setObjectName(u"reviews_view")
        self.reviews_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.reviews_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.reviews_view.setAlternatingRowColors(True)
        self.reviews_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.reviews_view.setWordWrap(True)
        self.reviews_view.verticalHeader().setVisible(False)

        self.list_layout.addWidget(self.reviews_view)

        self.reviews_empty_label = QLabel(CaseReviewsPage)
        self.reviews_empty_label.setObjectName(u"reviews_empty_label")
        self.reviews_empty_label.setWordWrap(True)

        self.list_layout.addWidget(self.reviews_empty_label)


        self.body_layout.addLayout(self.list_layout)

        self.detail_frame = QFrame(CaseReviewsPage)
        self.detail_frame.setObjectName(u"detail_frame")
        self.detail_layout = QVBoxLayout(self.detail_frame)
        self.detail_layout.setSpacing(8)
        self.detail_layout.setObjectName(u"detail_layout")
        self.detail_layout.setContentsMargins(14, 10, 14, 10)
        self.detail_title_label = QLabel(self.detail_frame)
        self.detail_title_label.setObjectName(u"detail_title_label")
        self.detail_title_label.setWordWrap(True)

        self.detail_layout.addWidget(self.detail_title_label)

        self.detail_info_label = QLabel(self.detail_frame)
        self.detail_info_label.setObjectName(u"detail_info_label")
        self.detail_info_label.setWordWrap(True)

        self.detail_layout.addWidget(self.detail_info_label)

        self.participants_label = QLabel(self.detail_frame)
        self.participants_label.setObjectName(u"participants_label")
        self.participants_label.setWordWrap(True)

        self.detail_layout.addWidget(self.participants_label)

        self.review_youths_view = QTableView(self.detail_frame)
        self.review_youths_view.setObjectName(u"review_youths_view")
        self.review_youths_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.review_youths_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.review_youths_view.setAlternatingRowColors(True)
        self.review_youths_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.review_youths_view.setWordWrap(True)
        self.review_youths_view.verticalHeader().setVisible(False)

        self.detail_layout.addWidget(self.review_youths_view)

        self.decision_label = QLabel(self.detail_frame)
        self.decision_label.setObjectName(u"decision_label")

        self.detail_layout.addWidget(self.decision_label)

        self.decision_edit = QPlainTextEdit(self.detail_frame)
        self.decision_edit.setObjectName(u"decision_edit")
        self.decision_edit.setTabChangesFocus(True)

        self.detail_layout.addWidget(self.decision_edit)

        self.decision_buttons_layout = QHBoxLayout()
        self.decision_buttons_layout.setObjectName(u"decision_buttons_layout")
        self.save_decision_button = QPushButton(self.detail_frame)
        self.save_decision_button.setObjectName(u"save_decision_button")

        self.decision_buttons_layout.addWidget(self.save_decision_button)

        self.open_youth_button = QPushButton(self.detail_frame)
        self.open_youth_button.setObjectName(u"open_youth_button")

        self.decision_buttons_layout.addWidget(self.open_youth_button)

        self.decision_buttons_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.decision_buttons_layout.addItem(self.decision_buttons_spacer)


        self.detail_layout.addLayout(self.decision_buttons_layout)

        self.detail_empty_label = QLabel(self.detail_frame)
        self.detail_empty_label.setObjectName(u"detail_empty_label")
        self.detail_empty_label.setWordWrap(True)

        self.detail_layout.addWidget(self.detail_empty_label)


        self.body_layout.addWidget(self.detail_frame)

        self.body_layout.setStretch(0, 2)
        self.body_layout.setStretch(1, 3)

        self.page_layout.addLayout(self.body_layout)

#if QT_CONFIG(shortcut)
        self.decision_label.setBuddy(self.decision_edit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(CaseReviewsPage)

        QMetaObject.connectSlotsByName(CaseReviewsPage)
    # setupUi

    def retranslateUi(self, CaseReviewsPage):
        CaseReviewsPage.setWindowTitle(QCoreApplication.translate("CaseReviewsPage", u"R\u00e9unions de synth\u00e8se", None))
        self.title_label.setText(QCoreApplication.translate("CaseReviewsPage", u"R\u00e9unions de synth\u00e8se", None))
        self.title_label.setProperty(u"role", QCoreApplication.translate("CaseReviewsPage", u"title", None))
        self.plan_button.setText(QCoreApplication.translate("CaseReviewsPage", u"&Planifier une r\u00e9union", None))
        self.reviews_empty_label.setText(QCoreApplication.translate("CaseReviewsPage", u"Aucune r\u00e9union de synth\u00e8se pour le moment.", None))
        self.reviews_empty_label.setProperty(u"role", QCoreApplication.translate("CaseReviewsPage", u"muted", None))
        self.detail_frame.setProperty(u"role", QCoreApplication.translate("CaseReviewsPage", u"card", None))
        self.detail_title_label.setText("")
        self.detail_title_label.setProperty(u"role", QCoreApplication.translate("CaseReviewsPage", u"heading", None))
        self.detail_info_label.setText("")
        self.detail_info_label.setProperty(u"role", QCoreApplication.translate("CaseReviewsPage", u"muted", None))
        self.participants_label.setText("")
        self.decision_label.setText(QCoreApplication.translate("CaseReviewsPage", u"&D\u00e9cision pour le jeune s\u00e9lectionn\u00e9", None))
        self.decision_edit.setPlaceholderText(QCoreApplication.translate("CaseReviewsPage", u"Ce qui a \u00e9t\u00e9 d\u00e9cid\u00e9 pour ce jeune, par qui, pour quand\u2026", None))
        self.save_decision_button.setText(QCoreApplication.translate("CaseReviewsPage", u"&Enregistrer la d\u00e9cision", None))
        self.open_youth_button.setText(QCoreApplication.translate("CaseReviewsPage", u"&Ouvrir le dossier", None))
        self.detail_empty_label.setText(QCoreApplication.translate("CaseReviewsPage", u"Choisissez une r\u00e9union dans la liste.", None))
        self.detail_empty_label.setProperty(u"role", QCoreApplication.translate("CaseReviewsPage", u"muted", None))
    # retranslateUi
