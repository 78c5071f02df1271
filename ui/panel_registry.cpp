#include "panel_registry.h"

#include "overview_panel.h"
#include "telemetry_panel.h"

namespace kafkascope {

QList<PanelKind> panelKinds()
{
    return {
        {QStringLiteral("overview"), QObject::tr("Overview"), QStringLiteral("Ctrl+1"),
         [](const PanelContext &c) -> QWidget * { return new OverviewPanel(c.session); }},
        {QStringLiteral("telemetry"), QObject::tr("Telemetry"), QStringLiteral("Ctrl+6"),
         [](const PanelContext &c) -> QWidget * { return new TelemetryPanel(c.session, c.topic); }},
    };
}

} // namespace kafkascope
