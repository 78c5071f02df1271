#include "telemetry/batch_writer.h"

#include <utility>

namespace kafkascope {

BatchWriter::BatchWriter(Apply apply)
    : m_apply(std::move(apply)), m_thread([this](std::stop_token stop) { run(stop); })
{
}

BatchWriter::~BatchWriter()
{
    flush();
    m_thread.request_stop();
    m_thread.join();
}

void BatchWriter::submit(DecodedBatch &batch, std::vector<MessageOrigin> &origins)
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return !m_pending; });
    std::swap(m_batch, batch);
    std::swap(m_origins, origins);
    batch.clear();
    origins.clear();
    m_pending = true;
    m_changed.notify_all();
}

void BatchWriter::flush()
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return !m_pending && !m_applying; });
}

void BatchWriter::run(std::stop_token stop)
{
    DecodedBatch batch;
    std::vector<MessageOrigin> origins;
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_applying = false;
            m_changed.notify_all();
            if (!m_changed.wait(lock, stop, [this] { return m_pending; }))
                return; // stopped with nothing left to apply (the destructor flushed first)
            std::swap(batch, m_batch);
            std::swap(origins, m_origins);
            m_pending = false;
            m_applying = true;
            m_changed.notify_all(); // the decoding thread may hand over the next one
        }
        m_apply(batch, origins);
        batch.clear();
        origins.clear();
    }
}

} // namespace kafkascope
