// What leads out of the message browser from its selection: the produce, replay, export and
// import dialogs, and replaying the selected time span into the telemetry charts.

#include "messages/browser_panel.h"

#include "cluster/cluster_session.h"
#include "models/message_table_model.h"
#include "messages/message_browser.h"
#include "messages/transfer_dialogs.h"
#include "messages/produce_dialog.h"
#include "messages/replay_dialog.h"

#include <QItemSelectionModel>
#include <QTableView>

namespace kafkascope {

QList<KafkaMessage> BrowserPanel::selectedMessages(bool *allLoaded) const
{
    QList<KafkaMessage> out;
    *allLoaded = true;
    for (const QModelIndex &i : m_table->selectionModel()->selectedRows()) {
        if (const KafkaMessage *m = m_model->messageAt(i.row()))
            out.append(*m);
        else
            *allLoaded = false;
    }
    std::sort(out.begin(), out.end(), [](const KafkaMessage &a, const KafkaMessage &b) {
        return a.partition != b.partition ? a.partition < b.partition : a.offset < b.offset;
    });
    return out;
}

QPair<qint64, qint64> BrowserPanel::selectedTimeRange() const
{
    bool all = true;
    qint64 lo = -1, hi = -1;
    for (const KafkaMessage &m : selectedMessages(&all)) {
        if (m.timestamp < 0)
            continue;
        lo = lo < 0 ? m.timestamp : std::min(lo, m.timestamp);
        hi = std::max(hi, m.timestamp);
    }
    return {lo, hi};
}

void BrowserPanel::openProduceDialog()
{
    auto *d = new ProduceDialog(m_session, currentTopic(), this);
    d->setAttribute(Qt::WA_DeleteOnClose);
    d->show();
}

void BrowserPanel::openReplayDialog()
{
    auto *d = new ReplayDialog(m_session, m_workspace, currentTopic(), this);
    d->setAttribute(Qt::WA_DeleteOnClose);
    bool all = true;
    const QList<KafkaMessage> selected = selectedMessages(&all);
    if (selected.size() > 1)
        d->presetOffsets(selected.first().offset, selected.last().offset);
    d->show();
}

void BrowserPanel::replayIntoCharts()
{
    const auto [fromMs, toMs] = selectedTimeRange();
    if (fromMs < 0) {
        setStatus(tr("Select the records to replay into the charts first (records without a timestamp cannot be "
                     "placed in time)."),
                  true);
        return;
    }
    emit replayIntoChartsRequested({currentTopic()}, fromMs, toMs);
}

void BrowserPanel::exportMessages()
{
    bool all = true;
    QList<KafkaMessage> selected = selectedMessages(&all);
    if (selected.size() <= 1)
        selected.clear(); // one row selected is just the cursor: export the range
    if (!m_model->isVirtual() && selected.isEmpty()) // filter results / tail: what is shown
        for (int r = 0; r < m_model->rowCount(); ++r)
            selected.append(*m_model->messageAt(r));
    transfer_dialogs::exportMessages(this, m_session->profile(), currentTopic(), m_ranges, selected, all,
                                     m_browser->decoding());
}

void BrowserPanel::importMessages()
{
    transfer_dialogs::importMessages(this, m_session->profile(), currentTopic());
}

} // namespace kafkascope
