#include "shell/panel_registry.h"

#include "alerts/alerts_panel.h"
#include "groups/groups_panel.h"
#include "messages/browser_panel.h"
#include "overview/overview_panel.h"
#include "schemas/schemas_panel.h"
#include "throughput/partitions_panel.h"
#include "throughput/throughput_panel.h"
#include "telemetry/telemetry_panel.h"
#include "topics/topics_panel.h"

namespace kafkascope {

QList<PanelKind> panelKinds()
{
    return {
        {QStringLiteral("overview"), QObject::tr("Overview"), QStringLiteral("Ctrl+1"),
         [](const PanelContext &c) -> QWidget * { return new OverviewPanel(c.session); }},
        {QStringLiteral("topics"), QObject::tr("Topics"), QStringLiteral("Ctrl+2"),
         [](const PanelContext &c) -> QWidget * { return new TopicsPanel(c.session, c.topic); },
         PanelKind::Item::Topic},
        {QStringLiteral("throughput"), QObject::tr("Throughput"), QStringLiteral("Ctrl+3"),
         [](const PanelContext &c) -> QWidget * { return new ThroughputPanel(c.session, c.topic); },
         PanelKind::Item::Topic},
        {QStringLiteral("partitions"), QObject::tr("Partitions"), QString(),
         [](const PanelContext &c) -> QWidget * { return new PartitionsPanel(c.session, c.topic); },
         PanelKind::Item::Topic},
        {QStringLiteral("groups"), QObject::tr("Consumer groups"), QStringLiteral("Ctrl+4"),
         [](const PanelContext &c) -> QWidget * { return new GroupsPanel(c.session, c.topic); },
         PanelKind::Item::Group},
        {QStringLiteral("browser"), QObject::tr("Messages"), QStringLiteral("Ctrl+5"),
         [](const PanelContext &c) -> QWidget * { return new BrowserPanel(c.session, c.workspace, c.topic); },
         PanelKind::Item::Topic},
        {QStringLiteral("telemetry"), QObject::tr("Telemetry"), QStringLiteral("Ctrl+6"),
         [](const PanelContext &c) -> QWidget * { return new TelemetryPanel(c.session, c.topic); },
         PanelKind::Item::Topic},
        {QStringLiteral("schemas"), QObject::tr("Schemas"), QStringLiteral("Ctrl+7"),
         [](const PanelContext &c) -> QWidget * { return new SchemasPanel(c.session); }},
        {QStringLiteral("alerts"), QObject::tr("Alerts"), QStringLiteral("Ctrl+Shift+A"),
         [](const PanelContext &c) -> QWidget * { return new AlertsPanel(c.session); }},
    };
}

} // namespace kafkascope
