#pragma once
// The banner dialogs and panels show when a cluster cannot serve admin requests.

#include <QString>

class QLabel;

namespace kafkascope {

QLabel *makeAdminNotice(const QString &text);

} // namespace kafkascope
