#pragma once
// Applies decoded telemetry batches to the store on a thread of its own, one batch behind the
// thread that decodes them. Why: storing compresses each series' full blocks (about a third
// of the ingest's instructions, measured with callgrind), and done on the decoding thread it
// left the machine's second core idle while the first decoded. Memory and CPU only: nothing
// here waits on the network, so the destructor's join is bounded by one batch's apply.

#include "telemetry/telemetry_decoder.h"
#include "telemetry/telemetry_store.h"

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace kafkascope {

class BatchWriter
{
public:
    using Apply = std::function<void(const DecodedBatch &, const std::vector<MessageOrigin> &)>;
    explicit BatchWriter(Apply apply);
    ~BatchWriter(); // applies the batch handed over last, then ends
    BatchWriter(const BatchWriter &) = delete;
    BatchWriter &operator=(const BatchWriter &) = delete;

    // Takes the batch (and its origins) to apply, leaving the caller an emptied one to fill
    // next; waits while the previous batch is still being applied (back pressure).
    void submit(DecodedBatch &batch, std::vector<MessageOrigin> &origins);
    // Waits until everything submitted is in the store.
    void flush();

private:
    void run(std::stop_token stop);

    Apply m_apply;
    std::mutex m_mutex;
    std::condition_variable_any m_changed;
    bool m_pending = false; // m_batch holds a batch to apply
    bool m_applying = false;
    DecodedBatch m_batch;
    std::vector<MessageOrigin> m_origins;
    std::jthread m_thread; // last: started once everything above exists
};

} // namespace kafkascope
