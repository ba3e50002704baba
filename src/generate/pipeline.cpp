#include "generate/pipeline.hpp"

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace migrator::generate {
namespace {

constexpr std::size_t k_rows_per_block = 4096;
constexpr std::size_t k_blocks_in_flight = 4;

struct Block {
  std::vector<db::Value> values;  // rows one after another
  std::size_t rows = 0;
};

// Thrown inside the worker when the writing side gave up: unwinds the generator.
struct Stopped {};

// Full blocks go from the worker to the writer; emptied ones come back to be reused.
class BlockQueue {
 public:
  explicit BlockQueue(std::size_t row_width) {
    for (std::size_t i = 0; i < k_blocks_in_flight; ++i) {
      Block block;
      block.values.reserve(k_rows_per_block * row_width);
      m_free.push_back(std::move(block));
    }
  }

  // Worker side.
  Block take_free() {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return m_stopped || !m_free.empty(); });
    if (m_stopped) {
      throw Stopped{};
    }
    Block block = std::move(m_free.front());
    m_free.pop_front();
    return block;
  }
  void push_full(Block block) {
    std::lock_guard lock(m_mutex);
    m_full.push_back(std::move(block));
    m_changed.notify_all();
  }
  void finish(std::exception_ptr error) {
    std::lock_guard lock(m_mutex);
    m_done = true;
    m_error = std::move(error);
    m_changed.notify_all();
  }

  // Writer side: false once the worker is done and every block was taken.
  bool take_full(Block& out) {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return m_done || !m_full.empty(); });
    if (m_full.empty()) {
      if (m_error) {
        std::rethrow_exception(m_error);
      }
      return false;
    }
    out = std::move(m_full.front());
    m_full.pop_front();
    return true;
  }
  void give_back(Block block) {
    block.values.clear();
    block.rows = 0;
    std::lock_guard lock(m_mutex);
    m_free.push_back(std::move(block));
    m_changed.notify_all();
  }
  void stop() {
    std::lock_guard lock(m_mutex);
    m_stopped = true;
    m_changed.notify_all();
  }

 private:
  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::deque<Block> m_free;
  std::deque<Block> m_full;
  bool m_done = false;
  bool m_stopped = false;
  std::exception_ptr m_error;
};

// The worker's sink: fills blocks and queues them.
class BlockingSink final : public RowSink {
 public:
  explicit BlockingSink(BlockQueue& queue) : m_queue(queue), m_block(queue.take_free()) {}

  void row(std::span<const db::Value> values) override {
    m_block.values.insert(m_block.values.end(), values.begin(), values.end());
    if (++m_block.rows == k_rows_per_block) {
      m_queue.push_full(std::move(m_block));
      m_block = m_queue.take_free();
    }
  }

  void flush() {
    if (m_block.rows > 0) {
      m_queue.push_full(std::move(m_block));
    }
  }

 private:
  BlockQueue& m_queue;
  Block m_block;
};

}  // namespace

std::uint64_t write_pipelined(Generator& generator, Table table, RowSink& sink) {
  const std::size_t width = table_spec(table).columns.size();
  BlockQueue queue(width);
  std::uint64_t generated = 0;
  std::jthread worker([&] {
    try {
      BlockingSink blocks(queue);
      generated = generator.write(table, blocks);
      blocks.flush();
      queue.finish(nullptr);
    } catch (const Stopped&) {
      queue.finish(nullptr);
    } catch (...) {
      queue.finish(std::current_exception());
    }
  });
  try {
    Block block;
    while (queue.take_full(block)) {
      for (std::size_t r = 0; r < block.rows; ++r) {
        sink.row(std::span<const db::Value>(block.values).subspan(r * width, width));
      }
      queue.give_back(std::move(block));
    }
  } catch (...) {
    queue.stop();  // the worker throws Stopped at its next block, and ends
    throw;         // after ~jthread has joined it
  }
  worker.join();
  return generated;
}

}  // namespace migrator::generate
