#pragma once
// The application's light/dark appearance: follows the desktop's colour scheme, or the
// light or dark choice the user made in the View menu, remembered in QSettings.
//
// When the platform's own palette already matches the wanted scheme nothing is
// overridden (native style and palette); otherwise the Fusion style is used with a dark
// palette, or with Fusion's light one.

#include <QColor>
#include <QObject>
#include <QPalette>
#include <QString>

class QAction;
class QSettings;

namespace kafkascope {

class Theme : public QObject
{
    Q_OBJECT
public:
    enum class Mode { System, Light, Dark };

    // Reads the saved mode from settings and applies it at once.
    explicit Theme(QSettings &settings, QObject *parent = nullptr);
    ~Theme() override;

    Mode mode() const { return m_mode; }
    // Whether the application is dark now, whatever the reason.
    bool isDark() const { return m_dark; }
    // Sets, applies and remembers a mode.
    void setMode(Mode mode);

    // "Dark theme" (checkable; choosing it leaves "follow the system").
    QAction *darkAction() const { return m_darkAction; }
    // "Follow system theme" (checkable).
    QAction *systemAction() const { return m_systemAction; }

    static bool isDarkPalette(const QPalette &palette);
    static QPalette darkPalette();
    // The desktop asks for dark without Qt's palette showing it (GTK_THEME=...:dark,
    // GNOME's color-scheme = prefer-dark).
    static bool desktopHintsDark();

    // Errors and failed results (labels, rows, borders), light and dark alike. One colour
    // app-wide; widgets/ and the models below ui/ take it from StatusBadge's "bad" tone.
    static QColor errorColor();
    // "color: <error>;" for a label's style sheet.
    static QString errorStyleSheet();

    // Alert severities (0 info, 1 warning, 2 critical; -1 none active): the log, the tray.
    static QColor severityColor(int severity);

    static QString modeName(Mode mode);
    static Mode modeFromName(const QString &name);

signals:
    void darkChanged(bool dark);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    enum class Override { None, Light, Dark };
    void apply();
    void setOverride(Override wanted);
    void syncActions();
    static void refreshWindows();

    // The look is application-wide, so what the platform gave and what we override is
    // kept once per process, whichever Theme object (one per main window) changes it.
    struct AppLook
    {
        bool captured = false;
        QString nativeStyle;     // style at startup, restored when no override is needed
        bool nativeDark = false; // the platform's palette is dark
        Override current = Override::None;
    };
    static AppLook &look();

    QSettings &m_settings;
    Mode m_mode = Mode::System;
    bool m_dark = false;
    bool m_recheckQueued = false;
    QAction *m_darkAction;
    QAction *m_systemAction;
};

} // namespace kafkascope
