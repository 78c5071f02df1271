#include "shell/theme.h"

#include "status_badge.h"

#include <QAction>
#include <QApplication>
#include <QEvent>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QStyle>
#include <QStyleFactory>
#include <QTimer>
#include <QWidget>

namespace kafkascope {

namespace {
const QString kSettingsKey = QStringLiteral("appearance/theme");
const QString kFusion = QStringLiteral("Fusion");

// GNOME keeps the dark preference in gsettings, which Qt 6.4 does not read by itself.
bool gnomePrefersDark()
{
    if (qEnvironmentVariableIsEmpty("XDG_CURRENT_DESKTOP"))
        return false;
    const QString gsettings = QStandardPaths::findExecutable(QStringLiteral("gsettings"));
    if (gsettings.isEmpty())
        return false;
    QProcess process;
    process.start(gsettings, {QStringLiteral("get"), QStringLiteral("org.gnome.desktop.interface"),
                              QStringLiteral("color-scheme")});
    // A short wait: the answer comes from dconf in milliseconds; never hold up start-up.
    if (!process.waitForFinished(500)) {
        process.kill();
        process.waitForFinished(100);
        return false;
    }
    return process.exitCode() == 0 && process.readAllStandardOutput().contains("prefer-dark");
}
} // namespace

Theme::Theme(QSettings &settings, QObject *parent)
    : QObject(parent), m_settings(settings), m_mode(modeFromName(settings.value(kSettingsKey).toString())),
      m_darkAction(new QAction(tr("&Dark theme"), this)), m_systemAction(new QAction(tr("Follow &system theme"), this))
{
    m_darkAction->setObjectName(QStringLiteral("darkThemeAction"));
    m_darkAction->setCheckable(true);
    m_darkAction->setShortcut(QKeySequence(QStringLiteral("Ctrl+Shift+L")));
    m_darkAction->setToolTip(tr("Use dark colours whatever the desktop's setting"));
    connect(m_darkAction, &QAction::triggered, this, [this](bool checked) {
        setMode(checked ? Mode::Dark : Mode::Light);
    });
    m_systemAction->setObjectName(QStringLiteral("systemThemeAction"));
    m_systemAction->setCheckable(true);
    m_systemAction->setToolTip(tr("Switch between light and dark with the desktop"));
    connect(m_systemAction, &QAction::triggered, this, [this](bool checked) {
        // Unticking keeps the current look, now as an explicit choice.
        setMode(checked ? Mode::System : (m_dark ? Mode::Dark : Mode::Light));
    });

    AppLook &l = look();
    if (!l.captured) {
        l.captured = true;
        l.nativeStyle = QApplication::style()->name();
        l.nativeDark = isDarkPalette(QApplication::palette());
    }
    apply();
    qApp->installEventFilter(this);
}

Theme::AppLook &Theme::look()
{
    static AppLook instance;
    return instance;
}

Theme::~Theme()
{
    if (qApp)
        qApp->removeEventFilter(this);
}

void Theme::setMode(Mode mode)
{
    m_mode = mode;
    m_settings.setValue(kSettingsKey, modeName(mode));
    apply();
}

void Theme::apply()
{
    const AppLook &l = look();
    const bool wantDark = m_mode == Mode::Dark || (m_mode == Mode::System && (l.nativeDark || desktopHintsDark()));
    auto overrideFor = [&l](bool dark) {
        return dark == l.nativeDark ? Override::None : (dark ? Override::Dark : Override::Light);
    };
    setOverride(overrideFor(wantDark));
    // Dropping an override re-reads the platform's palette, which may have changed since.
    if (l.current == Override::None)
        setOverride(overrideFor(wantDark));

    const bool dark = isDarkPalette(QApplication::palette());
    const bool changed = dark != m_dark;
    m_dark = dark;
    syncActions();
    if (changed)
        emit darkChanged(m_dark);
}

void Theme::setOverride(Override wanted)
{
    AppLook &l = look();
    if (wanted == l.current)
        return;
    l.current = wanted;
    if (wanted == Override::None) {
        QApplication::setStyle(l.nativeStyle);
        // An empty palette resolves every role against the platform's, and keeps
        // following it when the desktop changes.
        QApplication::setPalette(QPalette());
        refreshWindows();
        l.nativeDark = isDarkPalette(QApplication::palette());
        return;
    }
    QStyle *fusion = QStyleFactory::create(kFusion);
    const QPalette palette = wanted == Override::Dark ? darkPalette() : fusion->standardPalette();
    QApplication::setStyle(fusion);
    QApplication::setPalette(palette);
    refreshWindows();
}

void Theme::refreshWindows()
{
    // Qt 6.4 tells child widgets of a new application palette but not top-level windows
    // that already exist; without this the main window keeps its old background.
    QEvent event(QEvent::ApplicationPaletteChange);
    for (QWidget *window : QApplication::topLevelWidgets())
        if (!window->testAttribute(Qt::WA_SetPalette))
            QCoreApplication::sendEvent(window, &event);
}

void Theme::syncActions()
{
    m_darkAction->setChecked(m_dark);
    m_systemAction->setChecked(m_mode == Mode::System);
}

bool Theme::eventFilter(QObject *watched, QEvent *event)
{
    // The desktop changed its theme: every window hears of it, so look once, later.
    if (event->type() == QEvent::ThemeChange && !m_recheckQueued) {
        m_recheckQueued = true;
        QTimer::singleShot(0, this, [this] {
            m_recheckQueued = false;
            if (look().current == Override::None)
                look().nativeDark = isDarkPalette(QApplication::palette());
            apply();
        });
    }
    return QObject::eventFilter(watched, event);
}

bool Theme::isDarkPalette(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < palette.color(QPalette::WindowText).lightness();
}

bool Theme::desktopHintsDark()
{
    const QString gtkTheme = qEnvironmentVariable("GTK_THEME").toLower();
    if (gtkTheme.endsWith(u":dark") || gtkTheme.endsWith(u"-dark"))
        return true;
    return gnomePrefersDark();
}

QPalette Theme::darkPalette()
{
    const QColor window(0x2a, 0x2e, 0x33);
    const QColor base(0x1f, 0x22, 0x26);
    const QColor text(0xe4, 0xe6, 0xea);
    const QColor dimText(0x7a, 0x80, 0x88);
    const QColor highlight(0x3b, 0x82, 0xf6);

    QPalette p;
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x27, 0x2b, 0x30));
    p.setColor(QPalette::ToolTipBase, QColor(0x35, 0x3a, 0x40));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, dimText);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x33, 0x38, 0x3e));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Light, QColor(0x4a, 0x50, 0x57));
    p.setColor(QPalette::Midlight, QColor(0x3d, 0x42, 0x48));
    // Mid also serves as "secondary text" in a few style sheets: keep it readable.
    p.setColor(QPalette::Mid, QColor(0x8a, 0x90, 0x98));
    p.setColor(QPalette::Dark, QColor(0x1a, 0x1d, 0x20));
    p.setColor(QPalette::Shadow, QColor(0x0e, 0x10, 0x12));
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x60, 0xa5, 0xfa));
    p.setColor(QPalette::LinkVisited, QColor(0xa7, 0x8b, 0xfa));

    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, dimText);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x3d, 0x42, 0x48));
    p.setColor(QPalette::Disabled, QPalette::HighlightedText, dimText);
    p.setColor(QPalette::Disabled, QPalette::Base, window);
    return p;
}

QString Theme::modeName(Mode mode)
{
    switch (mode) {
    case Mode::Light: return QStringLiteral("light");
    case Mode::Dark: return QStringLiteral("dark");
    case Mode::System: break;
    }
    return QStringLiteral("system");
}

Theme::Mode Theme::modeFromName(const QString &name)
{
    if (name == u"light")
        return Mode::Light;
    if (name == u"dark")
        return Mode::Dark;
    return Mode::System;
}

QColor Theme::errorColor()
{
    return StatusBadge::color(StatusBadge::Tone::Bad);
}

QString Theme::errorStyleSheet()
{
    return QStringLiteral("color: %1;").arg(errorColor().name());
}

QColor Theme::severityColor(int severity)
{
    // Readable on light and dark palettes alike.
    switch (severity) {
    case 0:
        return QColor(0x3b, 0x82, 0xf6); // info: blue
    case 1:
        return QColor(0xe0, 0x8e, 0x0b); // warning: amber
    case 2:
        return QColor(0xdc, 0x26, 0x26); // critical: red
    default:
        return QColor(0x16, 0xa3, 0x4a); // nothing active: green
    }
}

} // namespace kafkascope
