#include "kafka/consume_ahead.h"

#include <chrono>
#include <librdkafka/rdkafka.h>

namespace kafkascope {

namespace {
// Also the most that stopping waits: a browser page read ends with the destructor, so a
// long wait here would be added to every page.
constexpr int kConsumeTimeoutMs = 10;
}

ConsumeAhead::ConsumeAhead(rd_kafka_queue_t *queue, size_t batchSize, Headers headers, size_t depth)
    : m_queue(queue), m_batchSize(std::max<size_t>(batchSize, 1)), m_headers(headers), m_depth(std::max<size_t>(depth, 1)),
      m_thread([this](std::stop_token stop) { run(stop); })
{
}

ConsumeAhead::~ConsumeAhead()
{
    m_thread.request_stop();
    m_thread.join();
    for (Batch &b : m_ready)
        destroy(b);
    for (Batch &b : m_spent)
        destroy(b);
    destroy(m_current);
}

void ConsumeAhead::destroy(Batch &batch)
{
    for (rd_kafka_message_t *m : batch.messages)
        rd_kafka_message_destroy(m);
    batch.messages.clear();
    batch.headers.clear();
}

bool ConsumeAhead::hasHeaders(size_t index) const
{
    return index >= m_current.headers.size() || m_current.headers[index];
}

size_t ConsumeAhead::readyCount() const
{
    std::lock_guard lock(m_mutex);
    return m_ready.size();
}

std::span<rd_kafka_message_t *const> ConsumeAhead::next(int timeoutMs)
{
    std::unique_lock lock(m_mutex);
    if (!m_current.messages.empty())
        m_spent.push_back(std::move(m_current));
    m_current = Batch();
    m_changed.notify_all();
    m_changed.wait_for(lock, std::chrono::milliseconds(timeoutMs), [this] { return !m_ready.empty(); });
    if (m_ready.empty())
        return {};
    m_current = std::move(m_ready.front());
    m_ready.pop_front();
    m_changed.notify_all(); // room for one more batch
    return m_current.messages;
}

void ConsumeAhead::run(std::stop_token stop)
{
    std::vector<Batch> spent;
    Batch batch;
    while (!stop.stop_requested()) {
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, stop, [this] { return m_ready.size() < m_depth || !m_spent.empty(); });
            spent.swap(m_spent);
        }
        for (Batch &b : spent)
            destroy(b);
        spent.clear();
        if (stop.stop_requested())
            break;
        {
            std::lock_guard lock(m_mutex);
            if (m_ready.size() >= m_depth)
                continue; // woken to destroy only
        }
        std::vector<rd_kafka_message_t *> &messages = batch.messages;
        messages.resize(m_batchSize);
        const ssize_t n = rd_kafka_consume_batch_queue(m_queue, kConsumeTimeoutMs, messages.data(), messages.size());
        messages.resize(size_t(std::max<ssize_t>(n, 0)));
        if (messages.empty())
            continue;
        if (m_headers == Headers::Parse) {
            batch.headers.resize(messages.size());
            rd_kafka_headers_t *parsed = nullptr;
            for (size_t i = 0; i < messages.size(); ++i) // parsed headers are kept in the message
                batch.headers[i] = !messages[i]->err && rd_kafka_message_headers(messages[i], &parsed) == RD_KAFKA_RESP_ERR_NO_ERROR;
        }
        std::lock_guard lock(m_mutex);
        m_ready.push_back(std::move(batch));
        batch = Batch();
        m_changed.notify_all();
    }
}

} // namespace kafkascope
