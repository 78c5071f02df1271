#include "panel_registry.h"

#include "browser_panel.h"
#include "overview_panel.h"

namespace kafkascope {

QList<PanelKind> panelKinds()
{
    return {
        {QStringLiteral("overview"), QObject::tr("Overview"), QStringLiteral("Ctrl+1"),
         [](const PanelContext &c) -> QWidget * { return new OverviewPanel(c.session); }},
        {QStringLiteral("browser"), QObject::tr("Messages"), QStringLiteral("Ctrl+5"),
         [](const PanelContext &c) -> QWidget * { return new BrowserPanel(c.session, c.workspace, c.topic); }},
    };
}

} // namespace kafkascope
