// SPDX-License-Identifier: Apache-2.0
#include "api/static_files.h"

#include <filesystem>

#include "core/file.h"

namespace sw::api {
namespace {

std::string ContentTypeFor(const std::string& ext) {
  static const std::map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"},  {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},          {".svg", "image/svg+xml"},
      {".png", "image/png"},                  {".jpg", "image/jpeg"},
      {".ico", "image/x-icon"},               {".woff", "font/woff"},
      {".woff2", "font/woff2"},               {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"},  {".map", "application/json"},
  };
  auto it = kTypes.find(ext);
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

constexpr std::string_view kNotBuilt = R"(<!doctype html><html lang="zh-CN"><meta charset="utf-8">
<title>守望</title><body style="font-family:sans-serif;margin:4em">
<h1>守望 · 控制台尚未构建</h1><p>The web console has not been built. Run <code>make run</code>
(or <code>npm ci &amp;&amp; npm run build</code> in <code>web/</code>), then reload.</p>
<p>The API is available under <a href="/api/v1/openapi.json">/api/v1</a>.</p></body></html>)";

}  // namespace

Status StaticFiles::Load(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return {};
  size_t total = 0;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    const fs::path rel = fs::relative(it->path(), dir, ec);
    if (ec) continue;
    auto body = ReadFileToString(it->path().string(), size_t{64} << 20);
    if (!body.ok()) return body.status();
    File f{std::move(*body), ContentTypeFor(it->path().extension().string())};
    total += f.body.size();
    if (total > (size_t{64} << 20)) return ResourceExhausted(dir + ": console files exceed 64 MiB");
    files_["/" + rel.generic_string()] = std::move(f);
  }
  return {};
}

sys::HttpResponse StaticFiles::Serve(const std::string& path) const {
  sys::HttpResponse r;
  std::string p = path == "/" ? "/index.html" : path;
  auto it = files_.find(p);
  if (it == files_.end()) {
    // A missing file with an extension is a 404; any other path is a route
    // of the console's client-side router and gets index.html.
    const size_t slash = path.rfind('/');
    const bool has_ext = path.find('.', slash) != std::string::npos;
    if (has_ext && p != "/index.html") {
      r.status = 404;
      r.SetHeader("Content-Type", "text/plain; charset=utf-8");
      r.body = "not found";
      return r;
    }
    p = "/index.html";
    it = files_.find(p);
  }
  if (it == files_.end()) {
    r.status = 200;
    r.SetHeader("Content-Type", "text/html; charset=utf-8");
    r.SetHeader("Cache-Control", "no-store");
    r.body = std::string(kNotBuilt);
    return r;
  }
  r.SetHeader("Content-Type", it->second.content_type);
  // Vite names built assets by content hash, so they never change.
  r.SetHeader("Cache-Control", p.rfind("/assets/", 0) == 0 ? "public, max-age=31536000, immutable"
                                                           : "no-cache");
  r.body = it->second.body;
  return r;
}

}  // namespace sw::api
