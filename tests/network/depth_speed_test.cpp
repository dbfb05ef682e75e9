#include "network/depth_speed.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace sd::net;

// Values of Pregnolato et al. (2017) eq. (4) computed by hand.
TEST(DepthSpeed, PregnolatoCurveValues) {
  EXPECT_NEAR(pregnolato_speed_kph(0), 86.9448, 1e-9);
  EXPECT_NEAR(pregnolato_speed_kph(100), 9.0 - 55.29 + 86.9448, 1e-9);
  EXPECT_NEAR(pregnolato_speed_kph(200), 36.0 - 110.58 + 86.9448, 1e-9);
  EXPECT_NEAR(pregnolato_speed_kph(300), 81.0 - 165.87 + 86.9448, 1e-9);  // 2.0748 km/h
  EXPECT_GT(pregnolato_speed_kph(300), 0.0);  // the curve never reaches zero
}

TEST(DepthSpeed, CarClosesAt300mmAndIsCappedByTheRoadSpeed) {
  const auto car = VehicleProfile::car();
  EXPECT_EQ(flooded_speed_kph(50, 0.0, car), 50);
  EXPECT_EQ(flooded_speed_kph(110, 0.0, car), 110);              // dry: free flow
  EXPECT_EQ(flooded_speed_kph(30, 0.05, car), 30);               // curve 60.1 > 30
  EXPECT_NEAR(flooded_speed_kph(110, 0.1, car), 40.6548, 1e-9);  // curve below the limit
  EXPECT_GT(flooded_speed_kph(110, 0.2999, car), 0.0);
  EXPECT_EQ(flooded_speed_kph(110, 0.3, car), 0.0);
  EXPECT_EQ(flooded_speed_kph(110, 2.0, car), 0.0);
  EXPECT_EQ(flooded_speed_kph(50, std::nan(""), car), 50);  // no data counts as dry
}

TEST(DepthSpeed, TruckWadesDeeperAndBoatNeedsWater) {
  const auto truck = VehicleProfile::truck(0.6);
  EXPECT_GT(flooded_speed_kph(80, 0.45, truck), 0.0);
  EXPECT_NEAR(flooded_speed_kph(80, 0.3, truck), pregnolato_speed_kph(150), 1e-9);
  EXPECT_EQ(flooded_speed_kph(80, 0.6, truck), 0.0);
  const auto boat = VehicleProfile::boat(0.3, 12.0);
  EXPECT_EQ(flooded_speed_kph(80, 0.0, boat), 0.0);
  EXPECT_EQ(flooded_speed_kph(80, 0.29, boat), 0.0);
  EXPECT_EQ(flooded_speed_kph(80, 1.5, boat), 12.0);
}
