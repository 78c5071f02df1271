#include "panel_registry.h"

#include "overview_panel.h"

namespace kafkascope {

QList<PanelKind> panelKinds()
{
    return {
        {QStringLiteral("overview"), QObject::tr("Overview"), QStringLiteral("Ctrl+1"),
         [](const PanelContext &c) -> QWidget * { return new OverviewPanel(c.session); }},
    };
}

} // namespace kafkascope
