# generated from ui/main_window.ui — do not edit, run python -m pac_desktop.gui.build_forms
# ruff: noqa

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QFrame, QHBoxLayout,
    QLabel, QListView, QMainWindow, QSizePolicy,
    QSpacerItem, QStackedWidget, QToolButton, QVBoxLayout,
    QWidget)

class Ui_MainWindow(object):
    def setupUi(self, MainWindow):
        if not MainWindow.objectName():
            MainWindow.setObjectName(u"MainWindow")
        MainWindow.resize(1280, 760)
        self.central_widget = QWidget(MainWindow)
        self.central_widget.setObjectName(u"central_widget")
        self.central_layout = QVBoxLayout(self.central_widget)
        self.central_layout.setSpacing(0)
        self.central_layout.setObjectName(u"central_layout")
        self.central_layout.setContentsMargins(0, 0, 0, 0)
        self.header_bar = QFrame(self.central_widget)
        self.header_bar.setObjectName(u"header_bar")
        self.header_layout = QHBoxLayout(self.header_bar)
        self.header_layout.setSpacing(12)
        self.header_layout.setObjectName(u"header_layout")
        self.header_layout.setContentsMargins(16, 8, 16, 8)
        self.app_title_label = QLabel(self.header_bar)
        self.app_title_label.setObjectName(u"app_title_label")

        self.header_layout.addWidget(self.app_title_label)

        self.place_label = QLabel(self.header_bar)
        self.place_label.setObjectName(u"place_label")

        self.header_layout.addWidget(self.place_label)

        self.demo_label = QLabel(self.header_bar)
        self.demo_label.setObjectName(u"demo_label")

        self.header_layout.addWidget(self.demo_label)

        self.header_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.header_layout.addItem(self.header_spacer)

        self.sync_status_area = QWidget(self.header_bar)
        self.sync_status_area.setObjectName(u"sync_status_area")
        self.sync_status_layout = QHBoxLayout(self.sync_status_area)
        self.sync_status_layout.setObjectName(u"sync_status_layout")
        self.sync_status_layout.setContentsMargins(0, 0, 0, 0)

        self.header_layout.addWidget(self.sync_status_area)

        self.user_button = QToolButton(self.header_bar)
        self.user_button.setObjectName(u"user_button")
        self.user_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.user_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.user_button.setAutoRaise(False)

        self.header_layout.addWidget(self.user_button)


        self.central_layout.addWidget(self.header_bar)

        self.body_layout = QHBoxLayout()
        self.body_layout.setSpacing(0)
        self.body_layout.setObjectName(u"body_layout")
        self.nav_view = QListView(self.central_widget)
        self.nav_view.setObjectName(u"nav_view")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.nav_view.sizePolicy().hasHeightForWidth())
        self.nav_view.setSizePolicy(sizePolicy)
        self.nav_view.setMinimumSize(QSize(200, 0))
        self.nav_view.setMaximumSize(QSize(240, 16777215))
        self.nav_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.nav_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.nav_view.setUniformItemSizes(True)

        self.body_layout.addWidget(self.nav_view)

        self.content_stack = QStackedWidget(self.central_widget)
        self.content_stack.setObjectName(u"content_stack")
        sizePolicy1 = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        sizePolicy1.setHorizontalStretch(1)
        sizePolicy1.setVerticalStretch(0)
        sizePolicy1.setHeightForWidth(self.content_stack.sizePolicy().hasHeightForWidth())
        self.content_stack.setSizePolicy(sizePolicy1)

        self.body_layout.addWidget(self.content_stack)


        self.central_layout.addLayout(self.body_layout)

        MainWindow.setCentralWidget(self.central_widget)

        self.retranslateUi(MainWindow)

        QMetaObject.connectSlotsByName(MainWindow)
    # setupUi

    def retranslateUi(self, MainWindow):
        MainWindow.setWindowTitle(QCoreApplication.translate("MainWindow", u"PAC", None))
        self.header_bar.setProperty(u"role", QCoreApplication.translate("MainWindow", u"header", None))
        self.app_title_label.setText(QCoreApplication.translate("MainWindow", u"PAC", None))
#if QT_CONFIG(tooltip)
        self.app_title_label.setToolTip(QCoreApplication.translate("MainWindow", u"Passeport Accueil Commun", None))
#endif // QT_CONFIG(tooltip)
        self.app_title_label.setProperty(u"role", QCoreApplication.translate("MainWindow", u"app_title", None))
        self.place_label.setProperty(u"role", QCoreApplication.translate("MainWindow", u"muted", None))
        self.demo_label.setText(QCoreApplication.translate("MainWindow", u"Donn\u00e9es de d\u00e9monstration", None))
#if QT_CONFIG(tooltip)
        self.demo_label.setToolTip(QCoreApplication.translate("MainWindow", u"Cette base contient une cohorte fictive : n'y saisissez pas de vraies personnes.", None))
#endif // QT_CONFIG(tooltip)
        self.demo_label.setProperty(u"role", QCoreApplication.translate("MainWindow", u"demo", None))
#if QT_CONFIG(accessibility)
        self.nav_view.setAccessibleName(QCoreApplication.translate("MainWindow", u"Navigation", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi
