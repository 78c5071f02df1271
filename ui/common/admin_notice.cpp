#include "common/admin_notice.h"
#include "shell/theme.h"

#include "topics/topic_admin.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace kafkascope {

QLabel *makeAdminNotice(const QString &text)
{
    auto *note = new QLabel(text);
    note->setObjectName(QStringLiteral("unsupportedLabel"));
    note->setWordWrap(true);
    note->setStyleSheet(QStringLiteral("background:#fff4e5; color:#7a4b00; padding:6px; border-radius:4px;"));
    return note;
}

QVBoxLayout *startAdminLayout(QWidget *dialog, const TopicAdmin &admin, std::initializer_list<QPushButton *> senders)
{
    auto *layout = new QVBoxLayout(dialog);
    if (!admin.supportsAdmin()) {
        layout->addWidget(makeAdminNotice(admin.unsupportedReason()));
        for (QPushButton *b : senders)
            b->setEnabled(false);
    }
    return layout;
}

void showAdminOutcome(QLabel *result, const QString &text, bool ok)
{
    result->setStyleSheet(ok ? QStringLiteral("color:#2e7d32;") : Theme::errorStyleSheet());
    result->setText(text);
}

} // namespace kafkascope
