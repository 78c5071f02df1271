#pragma once
// A progress dialog that owns one transfer job: Cancel asks the job to stop, its progress and
// its end arrive through a JobSlot, and it deletes itself when done or closed.

#include "jobs/job_slot.h"

#include <QProgressDialog>
#include <atomic>
#include <memory>

namespace kafkascope {

class TransferProgress : public QProgressDialog
{
    Q_OBJECT
public:
    TransferProgress(const QString &label, QWidget *parent);

    // Where the job reports: take it before starting the job.
    JobSlot &slot() { return m_slot; }
    std::shared_ptr<std::atomic_bool> cancelFlag() const { return m_cancel; }
    // From the job's poster, on this dialog's thread.
    void showProgress(qint64 done, qint64 total, const QString &text);

private:
    std::shared_ptr<std::atomic_bool> m_cancel = std::make_shared<std::atomic_bool>(false);
    JobSlot m_slot{this};
};

} // namespace kafkascope
