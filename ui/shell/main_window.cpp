#include "shell/main_window.h"

#include "alerts/alert_tray.h"
#include "shell/cluster_sidebar.h"
#include "models/cluster_tree_model.h"
#include "connections/connection_dialog.h"
#include "profiles/profile_secrets.h"
#include "shell/theme.h"
#include "cluster/workspace.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMetaMethod>
#include <QSettings>
#include <QSet>
#include <QSpinBox>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QToolBar>
#include <algorithm>

namespace kafkascope {

namespace {
const char *kClusterProperty = "kafkascopeCluster";
const char *kKindProperty = "kafkascopePanel";
const char *kTitleProperty = "kafkascopePanelTitle";
const char *kClusterNameProperty = "kafkascopeClusterName";
} // namespace

MainWindow::MainWindow(const Options &options, QWidget *parent)
    : QMainWindow(parent), m_workspace(std::make_unique<Workspace>(options.settingsFile)),
      m_options(options), m_kinds(panelKinds()),
      m_theme(new Theme(m_workspace->store().settings(), this)), m_tabs(new QTabWidget), m_keychainNote(new QLabel)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QStringLiteral("Kafkascope"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/kafkascope.svg")));
    m_workspace->setDemoRate(options.demoRate);

    m_tabs->setObjectName(QStringLiteral("panelTabs"));
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setDocumentMode(true);
    setCentralWidget(m_tabs);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, [this](int i) {
        QWidget *w = m_tabs->widget(i);
        m_tabs->removeTab(i);
        w->deleteLater();
        retitleTabs();
    });

    m_sidebar = new ClusterSidebar(m_workspace.get());
    auto *dock = new QDockWidget(tr("Clusters"));
    dock->setObjectName(QStringLiteral("clustersDock"));
    dock->setWidget(m_sidebar);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    connect(m_sidebar, &ClusterSidebar::activated, this, &MainWindow::onActivated);
    connect(m_sidebar, &ClusterSidebar::contextMenuRequested, this, &MainWindow::fillContextMenu);

    m_keychainNote->setObjectName(QStringLiteral("keychainNote"));
    statusBar()->addPermanentWidget(m_keychainNote);
    auto showKeychain = [this](const QString &reason) {
        m_keychainNote->setText(tr("No OS keychain: passwords are kept in memory for this session only"));
        m_keychainNote->setToolTip(reason);
    };
    if (!m_workspace->secrets().persistent())
        showKeychain(m_workspace->secrets().lastError());
    connect(&m_workspace->secrets(), &SecretStore::fellBackToMemory, this, showKeychain);

    auto &clusters = m_workspace->clusters();
    connect(&clusters, &ClusterManager::sessionOpened, this, [this](ClusterSession *s) {
        for (const PendingPanel &pending : m_pendingPanels.take(s->id()))
            openPanel(s->id(), pending.kind, pending.item);
    });
    connect(&clusters, &ClusterManager::sessionClosed, this, &MainWindow::closePanelsOf);
    m_alertTray = new AlertTray(m_workspace.get(), this);
    connect(m_alertTray, &AlertTray::showWindowRequested, this, [this] {
        showNormal();
        raise();
        activateWindow();
    });
    connect(m_alertTray, &AlertTray::quitRequested, this, &MainWindow::quit);
    connect(m_workspace.get(), &Workspace::connectFailed, this, [this](const QString &id, const QString &error) {
        m_pendingPanels.remove(id);
        QMessageBox::warning(this, tr("Cannot connect"), error);
    });
    connect(m_workspace.get(), &Workspace::passwordRequired, this, &MainWindow::askPassword);
    connect(m_workspace.get(), &Workspace::demoStarted, this, [this](const QString &servers) {
        statusBar()->showMessage(tr("Demo cluster running at %1").arg(servers), 8000);
        m_demoBar->show();
    });

    buildMenus();
    buildDemoToolbar();
    restoreLayout();

    const QStringList first = options.openPanels.isEmpty() ? QStringList{QStringLiteral("overview")} : options.openPanels;
    if (options.startDemo)
        for (const QString &kind : first)
            openPanel(Workspace::kDemoId, kind);
    // --panel names the panels for the clusters reopened from the last session too.
    for (const QString &id : m_workspace->store().lastOpenClusters())
        if (id != Workspace::kDemoId || !options.startDemo)
            for (const QString &kind : first)
                openPanel(id, kind);
}

MainWindow::~MainWindow()
{
    // Panels hold pointers into the sessions the workspace owns: they go first.
    while (m_tabs->count() > 0) {
        QWidget *w = m_tabs->widget(0);
        m_tabs->removeTab(0);
        delete w;
    }
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *newConn = file->addAction(tr("&New connection…"), this, &MainWindow::newConnection);
    newConn->setShortcut(QKeySequence(QStringLiteral("Ctrl+Shift+N")));
    file->addAction(tr("&Import client.properties…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import client.properties"), {},
                                                          tr("Properties (*.properties);;All files (*)"));
        if (path.isEmpty())
            return;
        ConnectionDialog dialog(ConnectionProfile{}, this);
        dialog.importClientProperties(path);
        if (dialog.exec() == QDialog::Accepted)
            m_workspace->saveProfile(dialog.profile());
    });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &MainWindow::quit);

    QMenu *cluster = menuBar()->addMenu(tr("&Cluster"));
    auto current = [this] { return m_sidebar->currentClusterId(); };
    cluster->addAction(tr("&Connect"), this, [this, current] { connectCluster(current()); });
    cluster->addAction(tr("&Disconnect"), this, [this, current] { disconnectCluster(current()); });
    cluster->addAction(tr("&Edit connection…"), this, [this, current] { editConnection(current()); });
    cluster->addSeparator();
    for (const PanelKind &kind : std::as_const(m_kinds)) {
        QAction *a = cluster->addAction(kind.title, this, [this, current, id = kind.id, item = kind.item] {
            if (!current().isEmpty()) // on the topic or group selected in the sidebar, if any
                openPanel(current(), id, sidebarItem(item));
        });
        if (!kind.shortcut.isEmpty())
            a->setShortcut(QKeySequence(kind.shortcut));
    }

    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (QDockWidget *d : findChildren<QDockWidget *>())
        view->addAction(d->toggleViewAction());
    view->addSeparator();
    view->addAction(m_theme->darkAction());
    view->addAction(m_theme->systemAction());
    view->addSeparator();
    m_closeToTray = view->addAction(tr("Keep watching in the &tray when the window closes"));
    m_closeToTray->setObjectName(QStringLiteral("closeToTrayAction"));
    m_closeToTray->setCheckable(true);
    m_closeToTray->setChecked(m_workspace->store().settings().value(QStringLiteral("alerts/closeToTray"), false).toBool());
    connect(m_closeToTray, &QAction::toggled, this, &MainWindow::setCloseToTray);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Kafkascope"), this, [this] {
        QMessageBox::about(this, tr("About Kafkascope"),
                           tr("<b>Kafkascope %1</b><p>Live Apache Kafka throughput, offsets, lag and "
                              "device telemetry.</p><p>Licensed under the GPL-3.0-or-later.</p>")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::buildDemoToolbar()
{
    m_demoBar = addToolBar(tr("Demo cluster"));
    m_demoBar->setObjectName(QStringLiteral("demoToolbar"));
    m_demoBar->addWidget(new QLabel(tr(" Demo devices produce ")));
    m_demoRate = new QSpinBox;
    m_demoRate->setObjectName(QStringLiteral("demoRate"));
    m_demoRate->setRange(0, 20000);
    m_demoRate->setSingleStep(50);
    m_demoRate->setSuffix(tr(" msg/s"));
    m_demoRate->setValue(m_workspace->demoRate());
    m_demoBar->addWidget(m_demoRate);
    connect(m_demoRate, &QSpinBox::valueChanged, m_workspace.get(), &Workspace::setDemoRate);
    m_demoBar->hide();
}

void MainWindow::restoreLayout()
{
    QSettings &s = m_workspace->store().settings();
    if (!restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1400, 860);
    restoreState(s.value(QStringLiteral("window/state")).toByteArray());
}

void MainWindow::setCloseToTray(bool on)
{
    if (m_closeToTray->isChecked() != on)
        m_closeToTray->setChecked(on);
    m_workspace->store().settings().setValue(QStringLiteral("alerts/closeToTray"), on);
}

void MainWindow::quit()
{
    m_quitting = true;
    close();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings &s = m_workspace->store().settings();
    if (!m_quitting && m_closeToTray->isChecked() && m_alertTray->trayIcon()->isVisible()) {
        // Hidden, not closed: the sessions and their alert watchers keep running.
        s.setValue(QStringLiteral("window/geometry"), saveGeometry());
        hide();
        event->ignore();
        return;
    }
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.setValue(QStringLiteral("window/state"), saveState());
    m_workspace->rememberOpen();
    s.sync();
    event->accept();
}

QWidget *MainWindow::findPanel(const QString &clusterId, const QString &kindId) const
{
    for (int i = 0; i < m_tabs->count(); ++i) {
        QWidget *w = m_tabs->widget(i);
        if (w->property(kClusterProperty).toString() == clusterId && w->property(kKindProperty).toString() == kindId)
            return w;
    }
    return nullptr;
}

QWidget *MainWindow::openPanel(const QString &clusterId, const QString &kindId, const QString &topic)
{
    if (QWidget *existing = findPanel(clusterId, kindId)) {
        m_tabs->setCurrentWidget(existing);
        if (!topic.isEmpty() && existing->metaObject()->indexOfMethod("focusItem(QString)") >= 0)
            QMetaObject::invokeMethod(existing, "focusItem", Q_ARG(QString, topic));
        return existing;
    }
    ClusterSession *session = m_workspace->clusters().session(clusterId);
    if (!session) {
        // Each kind once; a later request for it names the item to show.
        QList<PendingPanel> &pending = m_pendingPanels[clusterId];
        const auto same = std::find_if(pending.begin(), pending.end(), [&](const PendingPanel &p) { return p.kind == kindId; });
        if (same != pending.end())
            same->item = topic;
        else
            pending.append({kindId, topic});
        connectCluster(clusterId);
        return nullptr;
    }
    for (const PanelKind &kind : std::as_const(m_kinds)) {
        if (kind.id != kindId)
            continue;
        QWidget *panel = kind.create(PanelContext{session, m_workspace.get(), topic});
        panel->setProperty(kClusterProperty, clusterId);
        panel->setProperty(kKindProperty, kindId);
        linkPanel(panel);
        panel->setProperty(kTitleProperty, kind.title);
        panel->setProperty(kClusterNameProperty, session->profile().name);
        const int i = m_tabs->addTab(panel, kind.title);
        retitleTabs();
        m_tabs->setCurrentIndex(i);
        return panel;
    }
    return nullptr;
}

void MainWindow::linkPanel(QWidget *panel)
{
    static const char *const links[][2] = {
        {"openMessagesRequested(QString,int,qint64)", "showMessages(QString,int,qint64)"},
        {"replayIntoChartsRequested(QStringList,qint64,qint64)", "replayIntoCharts(QStringList,qint64,qint64)"},
        {"openPanelRequested(QString,QString)", "openLinkedPanel(QString,QString)"},
    };
    const QMetaObject *from = panel->metaObject();
    for (const auto &[signal, slot] : links) {
        const int s = from->indexOfSignal(signal);
        if (s >= 0)
            connect(panel, from->method(s), this, metaObject()->method(metaObject()->indexOfSlot(slot)));
    }
}

void MainWindow::showMessages(const QString &topic, int partition, qint64 timestampMs)
{
    const QString clusterId = sender()->property(kClusterProperty).toString();
    if (QWidget *browser = openPanel(clusterId, QStringLiteral("browser")))
        QMetaObject::invokeMethod(browser, "showMessagesAt", Q_ARG(QString, topic), Q_ARG(int, partition),
                                  Q_ARG(qint64, timestampMs));
}

void MainWindow::openLinkedPanel(const QString &kind, const QString &item)
{
    openPanel(sender()->property(kClusterProperty).toString(), kind, item);
}

void MainWindow::replayIntoCharts(const QStringList &topics, qint64 fromMs, qint64 toMs)
{
    const QString clusterId = sender()->property(kClusterProperty).toString();
    if (QWidget *telemetry = openPanel(clusterId, QStringLiteral("telemetry")))
        QMetaObject::invokeMethod(telemetry, "replayRange", Q_ARG(QStringList, topics), Q_ARG(qint64, fromMs),
                                  Q_ARG(qint64, toMs));
}

void MainWindow::closePanelsOf(const QString &clusterId)
{
    for (int i = m_tabs->count() - 1; i >= 0; --i) {
        QWidget *w = m_tabs->widget(i);
        if (w->property(kClusterProperty).toString() == clusterId) {
            m_tabs->removeTab(i);
            w->deleteLater();
        }
    }
    retitleTabs();
}

void MainWindow::retitleTabs()
{
    // A tab names its panel; the cluster only when panels of several clusters are open, so
    // six tabs fit the bar instead of the first scrolling out of sight. The tooltip says both.
    QSet<QString> clusters;
    for (int i = 0; i < m_tabs->count(); ++i)
        clusters.insert(m_tabs->widget(i)->property(kClusterProperty).toString());
    for (int i = 0; i < m_tabs->count(); ++i) {
        const QWidget *w = m_tabs->widget(i);
        const QString kind = w->property(kTitleProperty).toString();
        const QString both = QStringLiteral("%1 · %2").arg(w->property(kClusterNameProperty).toString(), kind);
        m_tabs->setTabText(i, clusters.size() > 1 ? both : kind);
        m_tabs->setTabToolTip(i, both);
    }
}

void MainWindow::connectCluster(const QString &clusterId)
{
    const ConnectionProfile p = m_workspace->profile(clusterId);
    if (!p.id.isEmpty())
        m_workspace->connectProfile(p);
}

void MainWindow::disconnectCluster(const QString &clusterId)
{
    m_pendingPanels.remove(clusterId);
    m_workspace->disconnectProfile(clusterId);
}

void MainWindow::askPassword(const ConnectionProfile &profile)
{
    bool ok = false;
    const QString password = QInputDialog::getText(
        this, tr("Password for %1").arg(profile.name),
        tr("No keychain holds the password of %1 (user %2).\nIt will be kept in memory for this session only.")
            .arg(profile.name, profile.username),
        QLineEdit::Password, {}, &ok);
    if (!ok) {
        m_pendingPanels.remove(profile.id);
        return;
    }
    ConnectionProfile withPassword = profile;
    withPassword.password = password;
    // Remembered like any secret: in the keychain if there is one, else for this run only.
    m_workspace->secrets().write(profile.id, packSecrets(withPassword));
    m_workspace->connectProfile(withPassword);
}

void MainWindow::newConnection()
{
    ConnectionDialog dialog(ConnectionProfile{}, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const ConnectionProfile p = dialog.profile();
    m_workspace->saveProfile(p);
    openPanel(p.id, QStringLiteral("overview"));
}

void MainWindow::editConnection(const QString &clusterId)
{
    const ConnectionProfile p = m_workspace->profile(clusterId);
    if (p.id.isEmpty() || p.demo)
        return;
    ConnectionDialog dialog(p, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const bool wasOpen = m_workspace->clusters().session(clusterId) != nullptr;
    disconnectCluster(clusterId);
    m_workspace->saveProfile(dialog.profile());
    if (wasOpen)
        openPanel(clusterId, QStringLiteral("overview"));
}

void MainWindow::onActivated(const QModelIndex &index)
{
    const QString clusterId = index.data(ClusterTreeModel::ClusterIdRole).toString();
    const auto kind = ClusterTreeModel::Kind(index.data(ClusterTreeModel::KindRole).toInt());
    const QString name = index.data(ClusterTreeModel::NameRole).toString();
    switch (kind) {
    case ClusterTreeModel::Kind::Topic:
        openPanel(clusterId, QStringLiteral("topics"), name);
        break;
    case ClusterTreeModel::Kind::Group:
        openPanel(clusterId, QStringLiteral("groups"), name);
        break;
    default:
        openPanel(clusterId, QStringLiteral("overview"));
    }
}

QString MainWindow::sidebarItem(PanelKind::Item item) const
{
    switch (item) {
    case PanelKind::Item::Topic: return m_sidebar->currentItemName(int(ClusterTreeModel::Kind::Topic));
    case PanelKind::Item::Group: return m_sidebar->currentItemName(int(ClusterTreeModel::Kind::Group));
    case PanelKind::Item::None: break;
    }
    return {};
}

void MainWindow::fillContextMenu(const QModelIndex &index, QMenu *menu)
{
    const QString clusterId = index.data(ClusterTreeModel::ClusterIdRole).toString();
    const auto nodeKind = ClusterTreeModel::Kind(index.data(ClusterTreeModel::KindRole).toInt());
    if (nodeKind == ClusterTreeModel::Kind::Topic || nodeKind == ClusterTreeModel::Kind::Group) {
        // A menu on a topic (or group) acts on it, and offers nothing else.
        const auto wanted = nodeKind == ClusterTreeModel::Kind::Topic ? PanelKind::Item::Topic : PanelKind::Item::Group;
        const QString name = index.data(ClusterTreeModel::NameRole).toString();
        for (const PanelKind &kind : std::as_const(m_kinds))
            if (kind.item == wanted)
                menu->addAction(tr("Open %1").arg(kind.title), this,
                                [this, clusterId, name, id = kind.id] { openPanel(clusterId, id, name); });
        return;
    }
    const bool open = m_workspace->clusters().session(clusterId) != nullptr;
    const bool demo = clusterId == Workspace::kDemoId;
    if (open)
        menu->addAction(tr("Disconnect"), this, [this, clusterId] { disconnectCluster(clusterId); });
    else
        menu->addAction(tr("Connect"), this, [this, clusterId] { openPanel(clusterId, QStringLiteral("overview")); });
    for (const PanelKind &kind : std::as_const(m_kinds))
        menu->addAction(tr("Open %1").arg(kind.title), this, [this, clusterId, id = kind.id] { openPanel(clusterId, id); });
    if (!demo) {
        menu->addSeparator();
        menu->addAction(tr("Edit connection…"), this, [this, clusterId] { editConnection(clusterId); });
        menu->addAction(tr("Remove connection"), this, [this, clusterId] {
            if (QMessageBox::question(this, tr("Remove connection"),
                                      tr("Remove the saved connection \"%1\" and its stored password?")
                                          .arg(m_workspace->profile(clusterId).name))
                == QMessageBox::Yes)
                m_workspace->removeProfile(clusterId);
        });
    }
}

} // namespace kafkascope
