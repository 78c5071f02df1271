// The light/dark theme: View > Dark theme switches the whole application's palette, the
// choice is remembered in the settings file and restored by the next window, and
// "Follow system theme" follows the desktop's dark hint.

#include "shell/main_window.h"
#include "test_main.h"
#include "shell/theme.h"

#include <QAction>
#include <QApplication>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStyle>
#include <QTextLayout>
#include <QTemporaryDir>

using namespace kafkascope;

namespace {
QAction *viewAction(MainWindow &window, const QString &objectName)
{
    for (QAction *menu : window.menuBar()->actions()) {
        if (menu->text() != QStringLiteral("&View"))
            continue;
        for (QAction *a : menu->menu()->actions())
            if (a->objectName() == objectName)
                return a;
    }
    return nullptr;
}

MainWindow::Options options(const QString &settingsFile)
{
    MainWindow::Options o;
    o.settingsFile = settingsFile;
    return o;
}

bool appIsDark()
{
    return Theme::isDarkPalette(QApplication::palette());
}
} // namespace

class TestThemeGui : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanup();
    void darkPaletteReadsAsDark();
    void savedModeIsApplied_data();
    void savedModeIsApplied();
    void desktopHintIsFollowed_data();
    void desktopHintIsFollowed();
    void viewMenuTogglesAndRemembers();
    void koreanAndEmojiHaveGlyphs_data();
    void koreanAndEmojiHaveGlyphs();

private:
    QString settingsFile(const QString &name) const { return m_dir.filePath(name + u".ini"); }
    QTemporaryDir m_dir;
    QString m_nativeStyle;
};

void TestThemeGui::initTestCase()
{
    // The offscreen platform's own palette is light; no desktop hints from the caller.
    qunsetenv("GTK_THEME");
    qunsetenv("XDG_CURRENT_DESKTOP");
    QVERIFY(!appIsDark());
    m_nativeStyle = QApplication::style()->name();
}

void TestThemeGui::cleanup()
{
    qunsetenv("GTK_THEME");
    // Back to the platform's look for the next test.
    QSettings s(settingsFile(QStringLiteral("reset")), QSettings::IniFormat);
    Theme(s).setMode(Theme::Mode::Light);
    QVERIFY(!appIsDark());
}

void TestThemeGui::darkPaletteReadsAsDark()
{
    const QPalette dark = Theme::darkPalette();
    QVERIFY(Theme::isDarkPalette(dark));
    QVERIFY(dark.color(QPalette::Base).lightness() < 60);
    QVERIFY(dark.color(QPalette::Text).lightness() > 200);
    // Disabled text stays distinguishable from enabled text and from the background.
    const int disabled = dark.color(QPalette::Disabled, QPalette::Text).lightness();
    QVERIFY(disabled < dark.color(QPalette::Text).lightness());
    QVERIFY(disabled > dark.color(QPalette::Base).lightness() + 40);
}

void TestThemeGui::savedModeIsApplied_data()
{
    QTest::addColumn<QString>("saved");
    QTest::addColumn<Theme::Mode>("mode");
    QTest::addColumn<bool>("dark");
    QTest::newRow("nothing saved") << QString() << Theme::Mode::System << false;
    QTest::newRow("system") << QStringLiteral("system") << Theme::Mode::System << false;
    QTest::newRow("light") << QStringLiteral("light") << Theme::Mode::Light << false;
    QTest::newRow("dark") << QStringLiteral("dark") << Theme::Mode::Dark << true;
    QTest::newRow("garbage") << QStringLiteral("purple") << Theme::Mode::System << false;
}

void TestThemeGui::savedModeIsApplied()
{
    QFETCH(QString, saved);
    QFETCH(Theme::Mode, mode);
    QFETCH(bool, dark);
    QSettings s(settingsFile(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-')),
                QSettings::IniFormat);
    if (!saved.isNull())
        s.setValue(QStringLiteral("appearance/theme"), saved);
    Theme theme(s);
    QCOMPARE(theme.mode(), mode);
    QCOMPARE(theme.isDark(), dark);
    QCOMPARE(appIsDark(), dark);
    QCOMPARE(theme.darkAction()->isChecked(), dark);
    QCOMPARE(theme.systemAction()->isChecked(), mode == Theme::Mode::System);
    // Dark comes from Fusion with our palette; light keeps the platform's own style.
    QCOMPARE(QApplication::style()->name(), dark ? QStringLiteral("fusion") : m_nativeStyle);
    // A widget created now gets the application palette.
    QLineEdit edit;
    QCOMPARE(Theme::isDarkPalette(edit.palette()), dark);
}

void TestThemeGui::desktopHintIsFollowed_data()
{
    QTest::addColumn<QByteArray>("gtkTheme");
    QTest::addColumn<bool>("dark");
    QTest::newRow("Adwaita:dark") << QByteArray("Adwaita:dark") << true;
    QTest::newRow("Breeze-Dark") << QByteArray("Breeze-Dark") << true;
    QTest::newRow("Adwaita") << QByteArray("Adwaita") << false;
    QTest::newRow("empty") << QByteArray() << false;
}

void TestThemeGui::desktopHintIsFollowed()
{
    QFETCH(QByteArray, gtkTheme);
    QFETCH(bool, dark);
    qputenv("GTK_THEME", gtkTheme);
    QSettings s(settingsFile(QStringLiteral("hint")), QSettings::IniFormat);
    s.setValue(QStringLiteral("appearance/theme"), QStringLiteral("system"));
    Theme system(s);
    QCOMPARE(Theme::desktopHintsDark(), dark);
    QCOMPARE(appIsDark(), dark);
    QCOMPARE(system.systemAction()->isChecked(), true);

    // An explicit light choice wins over the desktop's hint.
    system.setMode(Theme::Mode::Light);
    QVERIFY(!appIsDark());
    QCOMPARE(s.value(QStringLiteral("appearance/theme")).toString(), QStringLiteral("light"));
}

void TestThemeGui::viewMenuTogglesAndRemembers()
{
    const QString file = settingsFile(QStringLiteral("window"));
    {
        MainWindow window(options(file));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QAction *dark = viewAction(window, QStringLiteral("darkThemeAction"));
        QAction *system = viewAction(window, QStringLiteral("systemThemeAction"));
        QVERIFY2(dark && system, "View menu lacks the theme actions");
        QVERIFY(!dark->isChecked());
        QVERIFY(system->isChecked());

        QSignalSpy changed(window.theme(), &Theme::darkChanged);
        dark->trigger();
        QVERIFY(dark->isChecked());
        QVERIFY(!system->isChecked());
        QVERIFY(appIsDark());
        QVERIFY(Theme::isDarkPalette(window.palette()));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toBool(), true);
        window.close();
    }
    QCOMPARE(QSettings(file, QSettings::IniFormat).value(QStringLiteral("appearance/theme")).toString(),
             QStringLiteral("dark"));
    {
        // The next window starts dark; unticking gives back the platform's light look.
        MainWindow window(options(file));
        QAction *dark = viewAction(window, QStringLiteral("darkThemeAction"));
        QVERIFY(dark->isChecked());
        QVERIFY(appIsDark());
        dark->trigger();
        QVERIFY(!appIsDark());
        QCOMPARE(QApplication::style()->name(), m_nativeStyle);
        // "Follow system theme" again: the offscreen desktop is light.
        viewAction(window, QStringLiteral("systemThemeAction"))->trigger();
        QCOMPARE(window.theme()->mode(), Theme::Mode::System);
        QVERIFY(!appIsDark());
        window.close();
    }
    QCOMPARE(QSettings(file, QSettings::IniFormat).value(QStringLiteral("appearance/theme")).toString(),
             QStringLiteral("system"));
}

// Device names and keys are often Korean or carry emoji: with the fonts that
// scripts/install-deps.sh installs, every character gets a real glyph (glyph 0 is the
// "missing" box), through the fallback the window's own font uses.
void TestThemeGui::koreanAndEmojiHaveGlyphs_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("Korean") << QStringLiteral("온도 센서 3");
    QTest::newRow("Japanese and Chinese") << QStringLiteral("温度センサー 湿度传感器");
    QTest::newRow("emoji") << QStringLiteral("🌡️ 🔋 🚚");
}

void TestThemeGui::koreanAndEmojiHaveGlyphs()
{
    QFETCH(QString, text);
    QTextLayout layout(text, QApplication::font());
    layout.beginLayout();
    layout.createLine();
    layout.endLayout();
    int glyphs = 0;
    QStringList missing;
    for (const QGlyphRun &run : layout.glyphRuns()) {
        for (quint32 g : run.glyphIndexes()) {
            ++glyphs;
            if (g == 0)
                missing << run.rawFont().familyName();
        }
    }
    QVERIFY(glyphs > 0);
    QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("no glyph in: ") + missing.join(QStringLiteral(", "))));
}

KAFKASCOPE_GUI_TEST_MAIN(TestThemeGui)
#include "tst_theme_gui.moc"
