#include "admin_notice.h"

#include <QLabel>

namespace kafkascope {

QLabel *makeAdminNotice(const QString &text)
{
    auto *note = new QLabel(text);
    note->setObjectName(QStringLiteral("unsupportedLabel"));
    note->setWordWrap(true);
    note->setStyleSheet(QStringLiteral("background:#fff4e5; color:#7a4b00; padding:6px; border-radius:4px;"));
    return note;
}

} // namespace kafkascope
