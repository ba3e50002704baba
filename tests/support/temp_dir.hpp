#pragma once
// A fresh directory under the system temp dir, removed with everything in it on destruction.
#include <filesystem>
#include <string>

namespace migrator::test {

// The whole text of a file; throws when it cannot be read.
std::string read_text(const std::filesystem::path& file);

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return m_path; }
  std::filesystem::path operator/(const std::string& name) const { return m_path / name; }
  // Writes `text` to `name` (creating parent directories) and returns the full path.
  std::filesystem::path write(const std::string& name, const std::string& text) const;
  // The whole text of `name` in this directory.
  std::string read(const std::string& name) const { return read_text(m_path / name); }

 private:
  std::filesystem::path m_path;
};

}  // namespace migrator::test
