# generated from ui/intake/intake_solutions_page.ui — do not edit, run python -m pac_desktop.gui.build_forms
# ruff: noqa

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QFrame,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QPushButton, QScrollArea, QSizePolicy, QSpacerItem,
    QSplitter, QTableView, QVBoxLayout, QWidget)

class Ui_IntakeSolutionsPage(object):
    def setupUi(self, IntakeSolutionsPage):
        if not IntakeSolutionsPage.objectName():
            IntakeSolutionsPage.setObjectName(u"IntakeSolutionsPage")
        self.page_layout = QVBoxLayout(IntakeSolutionsPage)
        self.page_layout.setSpacing(8)
        self.page_layout.setObjectName(u"page_layout")
        self.page_layout.setContentsMargins(16, 12, 16, 12)
        self.heading_label = QLabel(IntakeSolutionsPage)
        self.heading_label.setObjectName(u"heading_label")

        self.page_layout.addWidget(self.heading_label)

        self.splitter = QSplitter(IntakeSolutionsPage)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.catalogue_frame = QFrame(self.splitter)
        self.catalogue_frame.setObjectName(u"catalogue_frame")
        self.catalogue_layout = QVBoxLayout(self.catalogue_frame)
        self.catalogue_layout.setSpacing(6)
        self.catalogue_layout.setObjectName(u"catalogue_layout")
        self.catalogue_layout.setContentsMargins(10, 10, 10, 10)
        self.catalogue_label = QLabel(self.catalogue_frame)
        self.catalogue_label.setObjectName(u"catalogue_label")

        self.catalogue_layout.addWidget(self.catalogue_label)

        self.filter_layout = QHBoxLayout()
        self.filter_layout.setObjectName(u"filter_layout")
        self.category_label = QLabel(self.catalogue_frame)
        self.category_label.setObjectName(u"category_label")

        self.filter_layout.addWidget(self.category_label)

        self.category_combo = QComboBox(self.catalogue_frame)
        self.category_combo.setObjectName(u"category_combo")

        self.filter_layout.addWidget(self.category_combo)

        self.search_label = QLabel(self.catalogue_frame)
        self.search_label.setObjectName(u"search_label")

        self.filter_layout.addWidget(self.search_label)

        self.search_edit = QLineEdit(self.catalogue_frame)
        self.search_edit.setObjectName(u"search_edit")

        self.filter_layout.addWidget(self.search_edit)

        self.filter_layout.setStretch(1, 2)
        self.filter_layout.setStretch(3, 3)

        self.catalogue_layout.addLayout(self.filter_layout)

        self.offers_view = QTableView(self.catalogue_frame)
        self.offers_view.setObjectName(u"offers_view")
        self.offers_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.offers_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.offers_view.setAlternatingRowColors(True)
        self.offers_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.offers_view.setTabKeyNavigation(False)
        self.offers_view.verticalHeader().setVisible(False)

        self.catalogue_layout.addWidget(self.offers_view)

        self.offer_description_label = QLabel(self.catalogue_frame)
        self.offer_description_label.setObjectName(u"offer_description_label")
        self.offer_description_label.setWordWrap(True)

        self.catalogue_layout.addWidget(self.offer_description_label)

        self.offer_actions_layout = QHBoxLayout()
        self.offer_actions_layout.setObjectName(u"offer_actions_layout")
        self.offer_actions_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.offer_actions_layout.addItem(self.offer_actions_spacer)

        self.add_offer_button = QPushButton(self.catalogue_frame)
        self.add_offer_button.setObjectName(u"add_offer_button")

        self.offer_actions_layout.addWidget(self.add_offer_button)


        self.catalogue_layout.addLayout(self.offer_actions_layout)

        self.free_label = QLabel(self.catalogue_frame)
        self.free_label.setObjectName(u"free_label")

        self.catalogue_layout.addWidget(self.free_label)

        self.free_layout = QHBoxLayout()
        self.free_layout.setObjectName(u"free_layout")
        self.free_text_edit = QLineEdit(self.catalogue_frame)
        self.free_text_edit.setObjectName(u"free_text_edit")

        self.free_layout.addWidget(self.free_text_edit)

        self.free_category_combo = QComboBox(self.catalogue_frame)
        self.free_category_combo.setObjectName(u"free_category_combo")

        self.free_layout.addWidget(self.free_category_combo)

        self.add_free_button = QPushButton(self.catalogue_frame)
        self.add_free_button.setObjectName(u"add_free_button")

        self.free_layout.addWidget(self.add_free_button)

        self.free_layout.setStretch(0, 3)
        self.free_layout.setStretch(1, 2)

        self.catalogue_layout.addLayout(self.free_layout)

        self.splitter.addWidget(self.catalogue_frame)
        self.chosen_frame = QFrame(self.splitter)
        self.chosen_frame.setObjectName(u"chosen_frame")
        self.chosen_frame_layout = QVBoxLayout(self.chosen_frame)
        self.chosen_frame_layout.setSpacing(6)
        self.chosen_frame_layout.setObjectName(u"chosen_frame_layout")
        self.chosen_frame_layout.setContentsMargins(10, 10, 10, 10)
        self.chosen_label = QLabel(self.chosen_frame)
        self.chosen_label.setObjectName(u"chosen_label")

        self.chosen_frame_layout.addWidget(self.chosen_label)

        self.chosen_scroll = QScrollArea(self.chosen_frame)
        self.chosen_scroll.setObjectName(u"chosen_scroll")
        self.chosen_scroll.setWidgetResizable(True)
        self.chosen_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.chosen_contents = QWidget()
        self.chosen_contents.setObjectName(u"chosen_contents")
        self.chosen_contents_layout = QVBoxLayout(self.chosen_contents)
        self.chosen_contents_layout.setObjectName(u"chosen_contents_layout")
        self.chosen_contents_layout.setContentsMargins(0, 0, 0, 0)
        self.chosen_layout = QVBoxLayout()
        self.chosen_layout.setSpacing(8)
        self.chosen_layout.setObjectName(u"chosen_layout")

        self.chosen_contents_layout.addLayout(self.chosen_layout)

        self.chosen_empty_label = QLabel(self.chosen_contents)
        self.chosen_empty_label.setObjectName(u"chosen_empty_label")
        self.chosen_empty_label.setWordWrap(True)

        self.chosen_contents_layout.addWidget(self.chosen_empty_label)

        self.chosen_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.chosen_contents_layout.addItem(self.chosen_spacer)

        self.chosen_scroll.setWidget(self.chosen_contents)

        self.chosen_frame_layout.addWidget(self.chosen_scroll)

        self.splitter.addWidget(self.chosen_frame)

        self.page_layout.addWidget(self.splitter)

        self.message_label = QLabel(IntakeSolutionsPage)
        self.message_label.setObjectName(u"message_label")
        self.message_label.setWordWrap(True)
        self.message_label.setVisible(False)

        self.page_layout.addWidget(self.message_label)

        self.page_layout.setStretch(1, 1)
#if QT_CONFIG(shortcut)
        self.category_label.setBuddy(self.category_combo)
        self.search_label.setBuddy(self.search_edit)
        self.free_label.setBuddy(self.free_text_edit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.category_combo, self.search_edit)
        QWidget.setTabOrder(self.search_edit, self.offers_view)
        QWidget.setTabOrder(self.offers_view, self.add_offer_button)
        QWidget.setTabOrder(self.add_offer_button, self.free_text_edit)
        QWidget.setTabOrder(self.free_text_edit, self.free_category_combo)
        QWidget.setTabOrder(self.free_category_combo, self.add_free_button)

        self.retranslateUi(IntakeSolutionsPage)

        QMetaObject.connectSlotsByName(IntakeSolutionsPage)
    # setupUi

    def retranslateUi(self, IntakeSolutionsPage):
        self.heading_label.setText(QCoreApplication.translate("IntakeSolutionsPage", u"Solutions propos\u00e9es (2e \u00e9tape de l'accueil commun)", None))
        self.heading_label.setProperty(u"role", QCoreApplication.translate("IntakeSolutionsPage", u"heading", None))
        self.catalogue_frame.setProperty(u"role", QCoreApplication.translate("IntakeSolutionsPage", u"card", None))
        self.catalogue_label.setText(QCoreApplication.translate("IntakeSolutionsPage", u"Offres des partenaires", None))
        self.catalogue_label.setProperty(u"role", QCoreApplication.translate("IntakeSolutionsPage", u"heading", None))
        self.category_label.setText(QCoreApplication.translate("IntakeSolutionsPage", u"Ca&t\u00e9gorie", None))
#if QT_CONFIG(accessibility)
        self.category_combo.setAccessibleName(QCoreApplication.translate("IntakeSolutionsPage", u"Cat\u00e9gorie d'offres", None))
#endif // QT_CONFIG(accessibility)
        self.search_label.setText(QCoreApplication.translate("IntakeSolutionsPage", u"Re&chercher", None))
#if QT_CONFIG(accessibility)
        self.search_edit.setAccessibleName(QCoreApplication.translate("IntakeSolutionsPage", u"Rechercher une offre", None))
#endif // QT_CONFIG(accessibility)
        self.search_edit.setPlaceholderText(QCoreApplication.translate("IntakeSolutionsPage", u"mots du titre, de la description\u2026", None))
#if QT_CONFIG(accessibility)
        self.offers_view.setAccessibleName(QCoreApplication.translate("IntakeSolutionsPage", u"Offres du catalogue", None))
#endif // QT_CONFIG(accessibility)
        self.offer_description_label.setText("")
        self.offer_description_label.setProperty(u"role", QCoreApplication.translate("IntakeSolutionsPage", u"muted", None))
        self.add_offer_button.setText(QCoreApplication.translate("IntakeSolutionsPage", u"&Proposer cette offre", None))
#if QT_CONFIG(accessibility)
        self.add_offer_button.setAccessibleName(QCoreApplication.translate("IntakeSolutionsPage", u"Proposer cette offre", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.add_offer_button.setToolTip(QCoreApplication.translate("IntakeSolutionsPage", u"Ajouter l'offre choisie aux solutions (Entr\u00e9e dans la liste)", None))
#endif // QT_CONFIG(tooltip)
        self.free_label.setText(QCoreApplication.translate("IntakeSolutionsPage", u"Aucune offre ne convient ? D\u00e9crivez la solution :", None))
        self.free_label.setProperty(u"role", QCoreApplication.translate("IntakeSolutionsPage", u"muted", None))
#if QT_CONFIG(accessibility)
        self.free_text_edit.setAccessibleName(QCoreApplication.translate("IntakeSolutionsPage", u"Solution d\u00e9crite librement", None))
#endif // QT_CONFIG(accessibility)
        self.free_text_edit.setPlaceholderText(QCoreApplication.translate("IntakeSolutionsPage", u"par exemple : stage d\u00e9couverte chez un artisan", None))
#if QT_CONFIG(accessibility)
        self.free_category_combo.setAccessibleName(QCoreApplication.translate("IntakeSolutionsPage", u"Cat\u00e9gorie de la solution d\u00e9crite", None))
#endif // QT_CONFIG(accessibility)
        self.add_free_button.setText(QCoreApplication.translate("IntakeSolutionsPage", u"A&jouter", None))
#if QT_CONFIG(accessibility)
        self.add_free_button.setAccessibleName(QCoreApplication.translate("IntakeSolutionsPage", u"Ajouter", None))
#endif // QT_CONFIG(accessibility)
        self.chosen_frame.setProperty(u"role", QCoreApplication.translate("IntakeSolutionsPage", u"card", None))
        self.chosen_label.setText(QCoreApplication.translate("IntakeSolutionsPage", u"Solutions propos\u00e9es au jeune", None))
        self.chosen_label.setProperty(u"role", QCoreApplication.translate("IntakeSolutionsPage", u"heading", None))
        self.chosen_empty_label.setText(QCoreApplication.translate("IntakeSolutionsPage", u"Aucune solution propos\u00e9e pour l'instant.", None))
        self.chosen_empty_label.setProperty(u"role", QCoreApplication.translate("IntakeSolutionsPage", u"muted", None))
        self.message_label.setText("")
        self.message_label.setProperty(u"role", QCoreApplication.translate("IntakeSolutionsPage", u"error", None))
        pass
    # retranslateUi
