#include "messages/transfer_progress.h"

namespace kafkascope {

TransferProgress::TransferProgress(const QString &label, QWidget *parent)
    : QProgressDialog(label, tr("Cancel"), 0, 1000, parent)
{
    setObjectName(QStringLiteral("transferProgress"));
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowModality(Qt::WindowModal);
    setMinimumDuration(300);
    setAutoClose(false);
    setAutoReset(false);
    // The job stops by itself and still reports what it did; nothing waits for it here.
    connect(this, &QProgressDialog::canceled, this, [this] {
        *m_cancel = true;
        setLabelText(tr("Cancelling…"));
    });
}

void TransferProgress::showProgress(qint64 done, qint64 total, const QString &text)
{
    setValue(total > 0 ? int(std::min<qint64>(999, done * 1000 / total)) : 0);
    setLabelText(text);
}

} // namespace kafkascope
