// make_big_osm IN.osm.pbf OUT.osm.pbf COLS ROWS DLON DLAT [LON_SHIFT0 LAT_SHIFT0]
// Builds a large OSM extract for the `county import` benchmark (docs/benchmarks.md) from a
// real one: COLS x ROWS copies, copy (c, r) shifted by (LON_SHIFT0 + c DLON, LAT_SHIFT0 +
// r DLAT) degrees, with every node, way and relation id (and every reference to one) offset
// by copy_index x 2e10 so the copies do not share objects. Written in the order readers expect
// (all nodes, then ways, then relations). The content is real OSM data, repeated.
#include <cstdio>
#include <cstdlib>
#include <osmium/io/any_input.hpp>
#include <osmium/io/any_output.hpp>
#include <osmium/osm.hpp>
#include <string>

namespace {

constexpr osmium::object_id_type kIdStride = 20'000'000'000;  // > every OSM id in 2024

struct Copy {
  osmium::object_id_type id_offset;
  double dlon, dlat;
};

osmium::Location shifted(const osmium::Location& l, const Copy& c) {
  return l.valid() ? osmium::Location{l.lon() + c.dlon, l.lat() + c.dlat} : l;
}

void shift(osmium::memory::Buffer& buf, const Copy& c) {
  for (auto& obj : buf.select<osmium::OSMObject>()) {
    obj.set_id(obj.id() + c.id_offset);
    if (obj.type() == osmium::item_type::node) {
      auto& n = static_cast<osmium::Node&>(obj);
      n.set_location(shifted(n.location(), c));
    } else if (obj.type() == osmium::item_type::way) {
      for (auto& nr : static_cast<osmium::Way&>(obj).nodes()) nr.set_ref(nr.ref() + c.id_offset);
    } else if (obj.type() == osmium::item_type::relation) {
      for (auto& m : static_cast<osmium::Relation&>(obj).members())
        m.set_ref(m.ref() + c.id_offset);
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 7 && argc != 9) {
    std::fprintf(stderr,
                 "usage: make_big_osm IN.osm.pbf OUT.osm.pbf COLS ROWS DLON DLAT "
                 "[LON_SHIFT0 LAT_SHIFT0]\n");
    return 2;
  }
  const int cols = std::atoi(argv[3]), rows = std::atoi(argv[4]);
  const double dlon = std::atof(argv[5]), dlat = std::atof(argv[6]);
  const double lon0 = argc == 9 ? std::atof(argv[7]) : 0.0;
  const double lat0 = argc == 9 ? std::atof(argv[8]) : 0.0;
  try {
    osmium::io::Header header;
    header.set("generator", "stormdrill bench/make_big_osm");
    osmium::io::Writer writer{argv[2], header, osmium::io::overwrite::allow};
    for (auto entities : {osmium::osm_entity_bits::node, osmium::osm_entity_bits::way,
                          osmium::osm_entity_bits::relation})
      for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
          const Copy copy{(r * cols + c) * kIdStride, lon0 + c * dlon, lat0 + r * dlat};
          osmium::io::Reader reader{argv[1], entities};
          while (osmium::memory::Buffer buf = reader.read()) {
            shift(buf, copy);
            writer(std::move(buf));
          }
          reader.close();
        }
    writer.close();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "make_big_osm: %s\n", e.what());
    return 2;
  }
  return 0;
}
