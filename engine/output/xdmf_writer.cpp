#include "output/xdmf_writer.hpp"

#include <charconv>
#include <sstream>

#include "io/atomic_file.hpp"

namespace sd {
namespace {

// Shortest round-trip fixed-point text of v (std::to_chars, C++17 [charconv]): 3381500 and
// 5210037.5, never 3.3815e+06 nor 3e+05.
std::string num(double v) {
  char buf[400];
  const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
  return std::string(buf, r.ptr);
}

std::string edges(double first, double step, int count) {
  std::string s;
  for (int k = 0; k <= count; ++k) {
    if (k) s += ' ';
    s += num(first + step * k);
  }
  return s;
}

// The HDF5 file name inside XML text.
std::string escaped(const std::string& text) {
  std::string s;
  for (char c : text) {
    switch (c) {
      case '&':
        s += "&amp;";
        break;
      case '<':
        s += "&lt;";
        break;
      case '>':
        s += "&gt;";
        break;
      case '"':
        s += "&quot;";
        break;
      default:
        s += c;
    }
  }
  return s;
}

}  // namespace

void write_xdmf(const std::string& xmf_path, const std::string& h5_name, const Grid& g,
                const std::vector<double>& times, const std::vector<std::string>& series) {
  const std::string xs = edges(g.x0, g.cell, g.nx);
  const std::string ys = edges(g.y0, -g.cell, g.ny);  // north to south, like the rows
  std::ostringstream x;
  x << "<?xml version=\"1.0\" ?>\n<!DOCTYPE Xdmf SYSTEM \"Xdmf.dtd\" []>\n<Xdmf Version=\"3.0\">\n "
       "<Domain>\n"
    << "  <Grid Name=\"hazard\" GridType=\"Collection\" CollectionType=\"Temporal\">\n";
  for (std::size_t k = 0; k < times.size(); ++k) {
    x << "   <Grid Name=\"frame" << k << "\" GridType=\"Uniform\">\n"
      << "    <Time Value=\"" << num(times[k]) << "\"/>\n"
      << "    <Topology TopologyType=\"2DRectMesh\" Dimensions=\"" << g.ny + 1 << " " << g.nx + 1
      << "\"/>\n"
      << "    <Geometry GeometryType=\"VXVY\">\n"
      << "     <DataItem Dimensions=\"" << g.nx + 1
      << "\" NumberType=\"Float\" Precision=\"8\" Format=\"XML\">" << xs << "</DataItem>\n"
      << "     <DataItem Dimensions=\"" << g.ny + 1
      << "\" NumberType=\"Float\" Precision=\"8\" Format=\"XML\">" << ys << "</DataItem>\n"
      << "    </Geometry>\n";
    for (const auto& name : series)
      x << "    <Attribute Name=\"" << name << "\" AttributeType=\"Scalar\" Center=\"Cell\">\n"
        << "     <DataItem ItemType=\"HyperSlab\" Dimensions=\"" << g.ny << " " << g.nx
        << "\" Type=\"HyperSlab\">\n"
        << "      <DataItem Dimensions=\"3 3\" Format=\"XML\">" << k << " 0 0 1 1 1 1 " << g.ny
        << " " << g.nx << "</DataItem>\n"
        << "      <DataItem Dimensions=\"" << times.size() << " " << g.ny << " " << g.nx
        << "\" NumberType=\"Float\" Precision=\"4\" Format=\"HDF\">" << escaped(h5_name)
        << ":/hazard/" << name << "</DataItem>\n"
        << "     </DataItem>\n    </Attribute>\n";
    x << "   </Grid>\n";
  }
  x << "  </Grid>\n </Domain>\n</Xdmf>\n";
  io::write_text_atomic(xmf_path, x.str());
}

}  // namespace sd
