// `county import --utc-offset`: the scenario clock's zone, checked before any work.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "county/import_county.hpp"

TEST(CountyClock, UtcOffsetsParseAndBadOnesNameTheFlag) {
  EXPECT_EQ(sd::county::parse_utc_offset("+02:00"), 120);
  EXPECT_EQ(sd::county::parse_utc_offset("-03:30"), -210);
  EXPECT_EQ(sd::county::parse_utc_offset("+14:00"), 840);
  EXPECT_EQ(sd::county::parse_utc_offset("Z"), 0);
  for (const char* bad : {"2:00", "+2:00", "+02:60", "+15:00", "-13:00", "+02-00", "", "CEST"}) {
    try {
      sd::county::parse_utc_offset(bad);
      ADD_FAILURE() << "accepted '" << bad << "'";
    } catch (const sd::InputError& e) {
      EXPECT_NE(std::string(e.what()).find("--utc-offset '" + std::string(bad) + "'"),
                std::string::npos)
          << e.what();
    }
  }
}
