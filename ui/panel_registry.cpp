#include "panel_registry.h"

#include "overview_panel.h"
#include "topics_panel.h"

namespace kafkascope {

QList<PanelKind> panelKinds()
{
    return {
        {QStringLiteral("overview"), QObject::tr("Overview"), QStringLiteral("Ctrl+1"),
         [](const PanelContext &c) -> QWidget * { return new OverviewPanel(c.session); }},
        {QStringLiteral("topics"), QObject::tr("Topics"), QStringLiteral("Ctrl+2"),
         [](const PanelContext &c) -> QWidget * { return new TopicsPanel(c.session, c.topic); }},
    };
}

} // namespace kafkascope
