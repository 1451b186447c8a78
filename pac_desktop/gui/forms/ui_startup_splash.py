# generated from ui/startup_splash.ui — do not edit, run python -m pac_desktop.gui.build_forms
# ruff: noqa

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QHBoxLayout, QLabel, QProgressBar,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_StartupSplash(object):
    def setupUi(self, StartupSplash):
        if not StartupSplash.objectName():
            StartupSplash.setObjectName(u"StartupSplash")
        StartupSplash.resize(460, 180)
        self.main_layout = QVBoxLayout(StartupSplash)
        self.main_layout.setSpacing(12)
        self.main_layout.setObjectName(u"main_layout")
        self.main_layout.setContentsMargins(28, 24, 28, 24)
        self.title_layout = QHBoxLayout()
        self.title_layout.setSpacing(12)
        self.title_layout.setObjectName(u"title_layout")
        self.app_icon_label = QLabel(StartupSplash)
        self.app_icon_label.setObjectName(u"app_icon_label")

        self.title_layout.addWidget(self.app_icon_label)

        self.title_label = QLabel(StartupSplash)
        self.title_label.setObjectName(u"title_label")

        self.title_layout.addWidget(self.title_label)

        self.title_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.title_layout.addItem(self.title_spacer)


        self.main_layout.addLayout(self.title_layout)

        self.message_label = QLabel(StartupSplash)
        self.message_label.setObjectName(u"message_label")
        self.message_label.setWordWrap(True)

        self.main_layout.addWidget(self.message_label)

        self.progress_bar = QProgressBar(StartupSplash)
        self.progress_bar.setObjectName(u"progress_bar")
        self.progress_bar.setMaximum(0)
        self.progress_bar.setTextVisible(False)

        self.main_layout.addWidget(self.progress_bar)


        self.retranslateUi(StartupSplash)

        QMetaObject.connectSlotsByName(StartupSplash)
    # setupUi

    def retranslateUi(self, StartupSplash):
        StartupSplash.setWindowTitle(QCoreApplication.translate("StartupSplash", u"PAC \u2014 D\u00e9marrage", None))
        self.title_label.setText(QCoreApplication.translate("StartupSplash", u"Passeport Accueil Commun", None))
        self.title_label.setProperty(u"role", QCoreApplication.translate("StartupSplash", u"title", None))
        self.message_label.setText(QCoreApplication.translate("StartupSplash", u"Ouverture des donn\u00e9es\u2026", None))
#if QT_CONFIG(accessibility)
        self.progress_bar.setAccessibleName(QCoreApplication.translate("StartupSplash", u"D\u00e9marrage en cours", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi
