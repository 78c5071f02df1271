#pragma once
// Consumes batches from a librdkafka queue on a thread of its own, a few batches ahead of
// the thread that processes them, and destroys each batch there once it is handed back.
// Why: librdkafka allocates every consumed message on its broker thread, so freeing it
// elsewhere takes that thread's malloc arena lock, and at hundreds of thousands of messages
// a second the processing thread spent a fifth of its time waiting on that lock (measured
// with perf on the telemetry ingest). Here the waiting happens beside the processing.

#include <librdkafka/rdkafka.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <span>
#include <thread>
#include <vector>

namespace kafkascope {

class ConsumeAhead
{
public:
    enum class Headers : bool { Leave, Parse };
    // `queue` must outlive this object; at most `depth` batches wait unprocessed. With
    // Headers::Parse each message's headers are parsed here, ahead of the processing thread
    // (librdkafka parses them lazily, a few allocations per message, on first access).
    ConsumeAhead(rd_kafka_queue_t *queue, size_t batchSize, Headers headers = Headers::Leave, size_t depth = 4);
    ~ConsumeAhead(); // stops the thread and destroys every message not yet destroyed

    // The next batch, waiting up to `timeoutMs`; empty when none came. The batch returned
    // by the previous call is handed back and must no longer be used.
    std::span<rd_kafka_message_t *const> next(int timeoutMs);
    // Whether message `index` of the current batch carries headers (with Headers::Parse;
    // otherwise unknown, so true). Why: librdkafka keeps nothing when a message has none, so
    // every rd_kafka_message_headers() on it parses again (two allocations, ~1,000
    // instructions): asking once, here, spares the processing thread.
    bool hasHeaders(size_t index) const;
    // Batches consumed and waiting for next() (at most `depth`): what a test can wait on.
    size_t readyCount() const;

private:
    struct Batch
    {
        std::vector<rd_kafka_message_t *> messages;
        std::vector<bool> headers; // Headers::Parse: per message, whether it has any
    };
    void run(std::stop_token stop);
    static void destroy(Batch &batch);

    rd_kafka_queue_t *m_queue;
    size_t m_batchSize;
    Headers m_headers;
    size_t m_depth;
    mutable std::mutex m_mutex;
    std::condition_variable_any m_changed;
    std::deque<Batch> m_ready;  // consumed, waiting for the processing thread
    std::vector<Batch> m_spent; // processed, waiting to be destroyed
    Batch m_current;            // the batch the processing thread holds
    std::jthread m_thread;      // last: started once everything above exists
};

} // namespace kafkascope
