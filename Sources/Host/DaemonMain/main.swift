print("ironlbd")
