#pragma once
// The words an alert event carries beside its value: "lag 1,204 messages (threshold 1,000)",
// "silent for 31 s (stale after 30 s)". `note` is what only the verdict knows (a group's
// verdict and reason, "below"/"above", a device's stale limit, why the cluster is dark).

#include "alerts/alert_rule.h"

#include <QString>

namespace kafkascope {

QString alertFigure(const AlertRule &rule, double value, const QString &note);

} // namespace kafkascope
